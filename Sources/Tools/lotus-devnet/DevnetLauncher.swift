import Foundation
import Repo
import SubsystemSupport

/// Creates repos and runs the devnet's children for `lotus-devnet up` — `lotus daemon --devnet` first, then the
/// `lotus-miner run` nodes pointed at it through `FULLNODE_API_INFO` — and stops them in reverse order.
struct DevnetLauncher {
    /// One child process: which tool, its repo and API port.
    struct Node {
        let name: String
        let tool: String
        let repoVariable: String
        let repo: String
        let port: Int
        var arguments: [String]
    }

    let home: String

    var binDir: URL { URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent() }

    /// The chain daemon on `home/lotus`; a new repo gets a devnet genesis, an existing one resumes its chain (whose
    /// block time was fixed at genesis, so `blockTime` only applies to a new chain).
    func daemon(port: Int, blockTime: String?) -> Node {
        let repo = home + "/lotus"
        var arguments = ["daemon", "--devnet", "--api", String(port)]
        if let blockTime {
            if FileManager.default.fileExists(atPath: repo + "/datastore") {
                print("resuming the chain in \(repo): its block time was fixed at genesis, --block-time \(blockTime) is not applied")
            } else {
                arguments += ["--block-time", blockTime]
            }
        }
        return Node(name: "daemon", tool: "lotus", repoVariable: "LOTUS_PATH", repo: repo, port: port, arguments: arguments)
    }

    /// The daemon's default wallet (`lotus wallet default`), which owns the miner.
    func defaultWallet(_ daemon: Node) throws -> String {
        let output = try runTool("lotus", ["wallet", "default"], environment: ["LOTUS_PATH": daemon.repo])
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Initialises a miner repo once — `create` gives the `lotus-miner init` arguments (`--owner …` creates the
    /// actor on chain) — and writes its API address and subsystems into config.toml on every start.
    func prepareMiner(name: String, port: Int, subsystems: String, create: [String], fullNode: String) throws -> Node {
        let repo = home + "/" + name
        if !FileManager.default.fileExists(atPath: repo + "/keystore") {
            let output = try runTool(
                "lotus-miner", ["init"] + create, environment: ["LOTUS_MINER_PATH": repo, "FULLNODE_API_INFO": fullNode])
            for line in output.split(separator: "\n") { print("  [\(name) init] \(line)") }
        }
        let config = """
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/\(port)/http"
              RemoteListenAddress = "127.0.0.1:\(port)"

            \(subsystems)
            """
        try config.write(toFile: repo + "/config.toml", atomically: true, encoding: .utf8)
        return Node(name: name, tool: "lotus-miner", repoVariable: "LOTUS_MINER_PATH", repo: repo, port: port, arguments: ["run"])
    }

    /// Makes the markets node's repo the runbook's way, once: `lotus-miner backup` of the running mining node (into
    /// `<home>/backups`, its `LOTUS_BACKUP_BASE_PATH`), a seed config with the markets node's API port, and
    /// `lotus-miner --markets-repo=<home>/markets init service --type=markets` with the mining node's admin API info —
    /// which restores the metadata, makes the node's identity and puts its peer ID on chain.
    func initMarketsService(miner: Node, minerInfo: String, port: Int, fullNode: String) throws {
        let backup = home + "/backups/split.cbor"
        let saved = try runTool("lotus-miner", ["backup", backup], environment: ["LOTUS_MINER_PATH": miner.repo])
        print("  [markets init] lotus-miner backup \(backup): \(saved.trimmingCharacters(in: .whitespacesAndNewlines))")
        let seed = home + "/markets-seed.toml"
        try """
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/\(port)/http"
              RemoteListenAddress = "127.0.0.1:\(port)"

            """.write(toFile: seed, atomically: true, encoding: .utf8)
        let output = try runTool(
            "lotus-miner",
            ["--markets-repo=\(home)/markets", "init", "service", "--type=markets", "--api-sealer=\(minerInfo)",
             "--api-sector-index=\(minerInfo)", "--config=\(seed)", backup],
            environment: ["FULLNODE_API_INFO": fullNode])
        for line in output.split(separator: "\n") { print("  [markets init] \(line)") }
    }

    /// The miner actor address `lotus-miner init` recorded in a (stopped) miner repo.
    func minerAddress(_ node: Node) throws -> String {
        let datastore = try Repo(path: RepoPath(node.repo)).openDatastore()
        defer { try? datastore.close() }
        guard let bytes = try datastore.get(MetadataKey.minerAddress), !bytes.isEmpty else {
            throw ValidationErrorText("the \(node.name) repo \(node.repo) has no miner actor address; remove it and run `lotus-devnet up` again")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Puts the markets node's peer ID on chain (`lotus-miner actor set-peer-id`, as a Lotus operator does after
    /// splitting off a markets node) unless the miner actor already names it; clients find the provider's libp2p
    /// host by that peer ID. Returns the message line, or nil when nothing had to change.
    func publishMarketsPeerID(actor: String, marketsAPI: String, miner: Node, fullNode: String) throws -> String? {
        let peer = try runTool("lotus-miner", ["net", "id"], environment: ["MARKETS_API_INFO": marketsAPI])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let info = try runTool("lotus", ["state", "miner-info", actor], environment: ["FULLNODE_API_INFO": fullNode])
        let onChain = info.split(separator: "\n").first { $0.hasPrefix("PeerID:") }?
            .dropFirst("PeerID:".count).trimmingCharacters(in: .whitespaces)
        guard onChain != peer else { return nil }
        return try runTool(
            "lotus-miner", ["actor", "set-peer-id", peer],
            environment: ["LOTUS_MINER_PATH": miner.repo, "FULLNODE_API_INFO": fullNode]
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a tool to completion and returns its standard output.
    /// - Throws: when it exits non-zero, with its standard error.
    @discardableResult
    func runTool(_ tool: String, _ args: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = binDir.appendingPathComponent(tool)
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ValidationErrorText("\(tool) \(args.joined(separator: " ")) failed: \(reason)")
        }
        return String(decoding: outputData, as: UTF8.self)
    }

    /// Starts the node with `environment` and waits for its `api` file (and, for the daemon, a `Version` answer).
    func start(_ node: Node, environment: [String: String] = [:]) async throws -> Process {
        let process = Process()
        process.executableURL = binDir.appendingPathComponent(node.tool)
        process.arguments = node.arguments
        let env = environment.merging([node.repoVariable: node.repo]) { _, new in new }
        process.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
        try FileManager.default.createDirectory(atPath: node.repo, withIntermediateDirectories: true)
        // A stale `api` file (left by a killed node) would be taken for the new node's.
        try? FileManager.default.removeItem(atPath: node.repo + "/api")
        _ = FileManager.default.createFile(atPath: node.repo + "/node.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: node.repo + "/node.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: node.repo + "/api") {
                if node.tool == "lotus" { try runTool("lotus", ["wait-api", "--timeout", "30s"], environment: [node.repoVariable: node.repo]) }
                return process
            }
            if !process.isRunning {
                let text = (try? String(contentsOfFile: node.repo + "/node.log", encoding: .utf8)) ?? ""
                throw ValidationErrorText("the \(node.name) node exited: \(text.suffix(600))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw ValidationErrorText("the \(node.name) node did not come up in 30 s; see \(node.repo)/node.log")
    }

    func apiInfo(_ node: Node) throws -> String {
        let token = try String(contentsOfFile: node.repo + "/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(token):/ip4/127.0.0.1/tcp/\(node.port)/http"
    }

    /// Ignores SIGINT/SIGTERM as default actions and turns them into events, before any child starts, so a signal
    /// during start-up still stops what was started.
    static func stopEvents() -> (AsyncStream<String>, AsyncStream<String>.Continuation, [any DispatchSourceSignal]) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (events, continuation) = AsyncStream<String>.makeStream()
        let sources = [SIGINT, SIGTERM].map { signo -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .main)
            source.setEventHandler { continuation.yield("signal \(signo)") }
            source.resume()
            return source
        }
        return (events, continuation, sources)
    }

    /// Blocks until an event (a signal, or a node exiting), then stops the nodes, last started first.
    static func waitAndStop(_ processes: [Process], events: AsyncStream<String>, continuation: AsyncStream<String>.Continuation) async {
        for process in processes {
            process.terminationHandler = { _ in continuation.yield("a node exited") }
        }
        for process in processes where !process.isRunning { continuation.yield("a node exited") }
        for await reason in events {
            print("stopping (\(reason))…")
            break
        }
        stop(processes)
        print("devnet stopped")
    }

    /// Stops the nodes, last started first, each with SIGTERM and a wait.
    static func stop(_ processes: [Process]) {
        for process in processes.reversed() where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// A message-only error for the launcher.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
