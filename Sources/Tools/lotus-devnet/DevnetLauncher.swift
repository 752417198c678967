import Foundation

/// Creates repos and runs `lotus-miner run` children for `lotus-devnet up`; stops them in reverse order.
struct DevnetLauncher {
    struct Node {
        let name: String
        let repo: String
        let port: Int
    }

    let home: String

    var binDir: URL { URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent() }

    /// Initialises the repo once and writes its API address and subsystems into config.toml.
    func prepare(name: String, port: Int, subsystems: String) throws -> Node {
        let repo = home + "/" + name
        if !FileManager.default.fileExists(atPath: repo + "/keystore") {
            try runTool(["init", "--actor", "t01000"], repo: repo)
        }
        let config = """
            [API]
              ListenAddress = "/ip4/127.0.0.1/tcp/\(port)/http"
              RemoteListenAddress = "127.0.0.1:\(port)"

            \(subsystems)
            """
        try config.write(toFile: repo + "/config.toml", atomically: true, encoding: .utf8)
        return Node(name: name, repo: repo, port: port)
    }

    func runTool(_ args: [String], repo: String) throws {
        let process = Process()
        process.executableURL = binDir.appendingPathComponent("lotus-miner")
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(["LOTUS_MINER_PATH": repo]) { _, new in new }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationErrorText("lotus-miner \(args.joined(separator: " ")) failed for \(repo)") }
    }

    /// Starts `lotus-miner run` on the repo and waits for its `api` file.
    func start(_ node: Node) async throws -> Process {
        let process = Process()
        process.executableURL = binDir.appendingPathComponent("lotus-miner")
        process.arguments = ["run"]
        process.environment = ProcessInfo.processInfo.environment.merging(["LOTUS_MINER_PATH": node.repo]) { _, new in new }
        _ = FileManager.default.createFile(atPath: node.repo + "/node.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: node.repo + "/node.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        for _ in 0..<200 {
            if FileManager.default.fileExists(atPath: node.repo + "/api") { return process }
            if !process.isRunning {
                let text = (try? String(contentsOfFile: node.repo + "/node.log", encoding: .utf8)) ?? ""
                throw ValidationErrorText("the \(node.name) node exited: \(text.suffix(600))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw ValidationErrorText("the \(node.name) node did not come up in 10 s; see \(node.repo)/node.log")
    }

    func apiInfo(_ node: Node) throws -> String {
        let token = try String(contentsOfFile: node.repo + "/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(token):/ip4/127.0.0.1/tcp/\(node.port)/http"
    }

    /// Blocks until SIGINT/SIGTERM or until a node exits, then stops the nodes, last started first.
    func waitForSignalOrExit(_ processes: [Process]) async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (events, continuation) = AsyncStream<String>.makeStream()
        let sources = [SIGINT, SIGTERM].map { signo -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .main)
            source.setEventHandler { continuation.yield("signal \(signo)") }
            source.resume()
            return source
        }
        for process in processes {
            process.terminationHandler = { _ in continuation.yield("a node exited") }
        }
        for await reason in events {
            print("stopping (\(reason))…")
            break
        }
        for process in processes.reversed() where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        _ = sources
        print("devnet stopped")
    }
}

/// A message-only error for the launcher.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
