import Foundation
import JSONRPC
import Repo

/// Finds the API endpoint of the node a command must talk to, as SPEC.md "CLI and routing" says:
/// the miner from `MINER_API_INFO` → `LOTUS_MINER_PATH`; the markets node from `MARKETS_API_INFO` →
/// `LOTUS_MARKETS_PATH` → `MINER_API_INFO` → `LOTUS_MINER_PATH`; the chain daemon from `FULLNODE_API_INFO` →
/// `--repo` / `LOTUS_PATH` (default `~/.lotus`), as `lotus` does. Unlike Lotus (#7072) a missing default
/// repo never wins over a set variable, and every failure lists what was tried.
public struct EndpointResolver: Sendable {
    /// Which node a command targets.
    public enum NodeKind: String, Sendable {
        case miner
        case markets
        /// The chain daemon (`lotus daemon`).
        case fullNode = "full"

        /// The variable name `auth api-info` prints for this node.
        public var apiInfoVariable: String { repoType.apiInfoVariable }

        /// The repo type of this node, for messages and defaults.
        public var repoType: RepoType {
            switch self {
            case .miner: .storageMiner
            case .markets: .markets
            case .fullNode: .fullNode
            }
        }
    }

    /// A resolved endpoint and where it came from (for messages).
    public struct Resolution: Sendable {
        public var info: APIInfo
        public var source: String
        /// Why an earlier candidate was passed over (a markets repo whose node is not running), for a warning.
        public var note: String?
    }

    public var environment: [String: String]
    /// `--miner-repo`, when given on the command line (overrides `LOTUS_MINER_PATH`).
    public var minerRepoFlag: String?
    /// `--markets-repo`, when given on the command line (overrides `LOTUS_MARKETS_PATH`).
    public var marketsRepoFlag: String?
    /// `lotus --repo`, when given on the command line (overrides `LOTUS_PATH`).
    public var fullNodeRepoFlag: String?

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, minerRepoFlag: String? = nil,
        marketsRepoFlag: String? = nil, fullNodeRepoFlag: String? = nil
    ) {
        self.environment = environment
        self.minerRepoFlag = minerRepoFlag
        self.marketsRepoFlag = marketsRepoFlag
        self.fullNodeRepoFlag = fullNodeRepoFlag
    }

    /// The chain daemon's repo path: `--repo`, `LOTUS_PATH`, else `~/.lotus`.
    public var fullNodeRepoPath: (path: String, source: String) {
        if let flag = fullNodeRepoFlag, !flag.isEmpty { return (flag, "--repo") }
        if let env = environment["LOTUS_PATH"], !env.isEmpty { return (env, "LOTUS_PATH") }
        return (RepoType.fullNode.defaultPath, "the default repo (LOTUS_PATH not set)")
    }

    /// The miner repo path: `--miner-repo`, `LOTUS_MINER_PATH`, deprecated `LOTUS_STORAGE_PATH`, else `~/.lotusminer`.
    public var minerRepoPath: (path: String, source: String) {
        if let flag = minerRepoFlag, !flag.isEmpty { return (flag, "--miner-repo") }
        if let env = environment["LOTUS_MINER_PATH"], !env.isEmpty { return (env, "LOTUS_MINER_PATH") }
        if let env = environment["LOTUS_STORAGE_PATH"], !env.isEmpty { return (env, "LOTUS_STORAGE_PATH") }
        return ("~/.lotusminer", "the default miner repo (LOTUS_MINER_PATH not set)")
    }

    /// The markets repo path: `--markets-repo`, else `LOTUS_MARKETS_PATH`; nil when neither is set (it has no default).
    public var marketsRepoPath: (path: String, source: String)? {
        if let flag = marketsRepoFlag, !flag.isEmpty { return (flag, "--markets-repo") }
        if let env = environment["LOTUS_MARKETS_PATH"], !env.isEmpty { return (env, "LOTUS_MARKETS_PATH") }
        return nil
    }

    /// Resolves the endpoint for `kind`.
    /// - Throws: ``CLIError`` listing every variable and path tried and what to set.
    public func resolve(_ kind: NodeKind) throws -> Resolution {
        var tried: [String] = []
        var passedOver: String?
        func fromVariable(_ name: String) throws -> Resolution? {
            guard let value = environment[name], !value.isEmpty else {
                tried.append("\(name) is not set")
                return nil
            }
            do {
                return Resolution(info: try APIInfo.parse(value), source: name, note: passedOver)
            } catch {
                throw CLIError("\(name) is set but cannot be used: \(error)")
            }
        }
        func fromRepo(_ path: String, _ source: String, fallsThrough: Bool = false) throws -> Resolution? {
            let repo = Repo(path: RepoPath(path, environment: environment), type: kind.repoType)
            guard repo.exists else {
                tried.append("repo \(repo.path) (\(source)) does not exist")
                return nil
            }
            let endpoint = try repo.apiEndpoint()
            if endpoint == nil, fallsThrough {
                // A markets repo left on disk after a rollback (or whose node is stopped): the monolith may run Markets.
                let note = "the markets repo \(repo.path) (\(source)) has no api file: its node is not running"
                tried.append(note)
                passedOver = note
                return nil
            }
            guard let address = endpoint else {
                throw CLIError(
                    "API not running (no endpoint): repo \(repo.path) (\(source)) has no api file; start the node with `\(repo.type.runCommand)`")
            }
            return Resolution(info: APIInfo(token: try repo.token(), address: address), source: "\(source) \(repo.path)", note: passedOver)
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
                if let found = try fromRepo(repo.path, repo.source, fallsThrough: true) { return found }
            } else {
                tried.append("LOTUS_MARKETS_PATH is not set")
            }
            if let found = try fromVariable("MINER_API_INFO") { return found }
            let repo = minerRepoPath
            if let found = try fromRepo(repo.path, repo.source) { return found }
        case .fullNode:
            if let found = try fromVariable("FULLNODE_API_INFO") { return found }
            let repo = fullNodeRepoPath
            if let found = try fromRepo(repo.path, repo.source) { return found }
        }
        let hint = switch kind {
        case .miner: "set MINER_API_INFO=TOKEN:/ip4/HOST/tcp/PORT/http or LOTUS_MINER_PATH to the miner's repo"
        case .markets: "set MARKETS_API_INFO=TOKEN:/ip4/HOST/tcp/PORT/http or LOTUS_MARKETS_PATH to the markets node's repo"
        case .fullNode: "set FULLNODE_API_INFO=TOKEN:/ip4/HOST/tcp/PORT/http or LOTUS_PATH to the daemon's repo (`lotus daemon --devnet` creates it)"
        }
        throw CLIError("could not determine the \(kind.rawValue) node's API endpoint: \(tried.joined(separator: "; ")); \(hint)")
    }
}
