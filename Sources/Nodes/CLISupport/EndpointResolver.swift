import Foundation
import JSONRPC
import Repo

/// Finds the API endpoint of the node a command must talk to, as SPEC.md "CLI and routing" says:
/// the miner from `MINER_API_INFO` → `LOTUS_MINER_PATH`; the markets node from `MARKETS_API_INFO` →
/// `LOTUS_MARKETS_PATH` → `MINER_API_INFO` → `LOTUS_MINER_PATH`. Unlike Lotus (#7072) a missing default
/// repo never wins over a set variable, and every failure lists what was tried.
public struct EndpointResolver: Sendable {
    /// Which node a command targets.
    public enum NodeKind: String, Sendable {
        case miner
        case markets

        /// The variable name `auth api-info` prints for this node.
        public var apiInfoVariable: String { self == .miner ? "MINER_API_INFO" : "MARKETS_API_INFO" }
    }

    /// A resolved endpoint and where it came from (for messages).
    public struct Resolution: Sendable {
        public var info: APIInfo
        public var source: String
    }

    public var environment: [String: String]
    /// `--miner-repo`, when given on the command line (overrides `LOTUS_MINER_PATH`).
    public var minerRepoFlag: String?
    /// `--markets-repo`, when given on the command line (overrides `LOTUS_MARKETS_PATH`).
    public var marketsRepoFlag: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, minerRepoFlag: String? = nil, marketsRepoFlag: String? = nil) {
        self.environment = environment
        self.minerRepoFlag = minerRepoFlag
        self.marketsRepoFlag = marketsRepoFlag
    }

    /// The miner repo path: `--miner-repo`, `LOTUS_MINER_PATH`, deprecated `LOTUS_STORAGE_PATH`, else `~/.lotusminer`.
    public var minerRepoPath: (path: String, source: String) {
        if let flag = minerRepoFlag, !flag.isEmpty { return (flag, "--miner-repo") }
        if let env = environment["LOTUS_MINER_PATH"], !env.isEmpty { return (env, "LOTUS_MINER_PATH") }
        if let env = environment["LOTUS_STORAGE_PATH"], !env.isEmpty { return (env, "LOTUS_STORAGE_PATH") }
        return ("~/.lotusminer", "the default miner repo (LOTUS_MINER_PATH not set)")
    }

    var marketsRepoPath: (path: String, source: String)? {
        if let flag = marketsRepoFlag, !flag.isEmpty { return (flag, "--markets-repo") }
        if let env = environment["LOTUS_MARKETS_PATH"], !env.isEmpty { return (env, "LOTUS_MARKETS_PATH") }
        return nil
    }

    /// Resolves the endpoint for `kind`.
    /// - Throws: ``CLIError`` listing every variable and path tried and what to set.
    public func resolve(_ kind: NodeKind) throws -> Resolution {
        var tried: [String] = []
        func fromVariable(_ name: String) throws -> Resolution? {
            guard let value = environment[name], !value.isEmpty else {
                tried.append("\(name) is not set")
                return nil
            }
            do {
                return Resolution(info: try APIInfo.parse(value), source: name)
            } catch {
                throw CLIError("\(name) is set but cannot be used: \(error)")
            }
        }
        func fromRepo(_ path: String, _ source: String) throws -> Resolution? {
            let repo = Repo(path: RepoPath(path, environment: environment))
            guard repo.exists else {
                tried.append("repo \(repo.path) (\(source)) does not exist")
                return nil
            }
            guard let address = try repo.apiEndpoint() else {
                throw CLIError(
                    "API not running (no endpoint): repo \(repo.path) (\(source)) has no api file; start the node with `lotus-miner run`")
            }
            return Resolution(info: APIInfo(token: try repo.token(), address: address), source: "\(source) \(repo.path)")
        }
        switch kind {
        case .miner:
            if let found = try fromVariable("MINER_API_INFO") { return found }
            if let found = try fromVariable("STORAGE_API_INFO") { return found }
            let repo = minerRepoPath
            if let found = try fromRepo(repo.path, repo.source) { return found }
        case .markets:
            if let found = try fromVariable("MARKETS_API_INFO") { return found }
            if let repo = marketsRepoPath {
                if let found = try fromRepo(repo.path, repo.source) { return found }
            } else {
                tried.append("LOTUS_MARKETS_PATH is not set")
            }
            if let found = try fromVariable("MINER_API_INFO") { return found }
            let repo = minerRepoPath
            if let found = try fromRepo(repo.path, repo.source) { return found }
        }
        let hint = kind == .miner
            ? "set MINER_API_INFO=TOKEN:/ip4/HOST/tcp/PORT/http or LOTUS_MINER_PATH to the miner's repo"
            : "set MARKETS_API_INFO=TOKEN:/ip4/HOST/tcp/PORT/http or LOTUS_MARKETS_PATH to the markets node's repo"
        throw CLIError("could not determine the \(kind.rawValue) node's API endpoint: \(tried.joined(separator: "; ")); \(hint)")
    }
}
