import APICore
import ConfigFile
import Foundation
import HTTP2Transport
import JSONRPC

/// The system under test, as real processes from this build: `lotus daemon --devnet` and a `lotus-miner run` with
/// sectors of `sectorSize` and one storage path, under a scratch directory on disk; with `split`, a markets node
/// beside it (the mining node then runs without Markets).
public struct BenchNodes {
    public let home: String
    public let bin: URL
    public let daemon: Process
    public let miner: Process
    /// The markets node of a split (`nil`: the miner is a monolith).
    public let markets: Process?
    public let daemonPort: Int
    public let minerPort: Int
    public let marketsPort: Int?
    /// The environment a `lotus-miner` command of the benchmark runs with (the daemon's API info, the repos).
    public let environment: [String: String]

    /// The repo of the node that runs Markets.
    public var marketsRepo: String { markets == nil ? home + "/miner" : home + "/markets" }
    /// The API port of the node that runs Markets.
    public var marketsAPIPort: Int { marketsPort ?? minerPort }

    /// Starts the nodes; `minerConfig` is appended to each miner node's config.toml. With `sharedStorage`, the split's
    /// markets node lists the mining node's storage path in its own `storage.json` (the runbook's shared path), so it
    /// reads unsealed copies itself rather than over the mining node's `/remote`.
    public static func start(home: String, blockTime: String, sectorSize: String, split: Bool = false, sharedStorage: Bool = false, minerConfig: String = "") async throws
        -> BenchNodes
    {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let daemonPort = try freePort(), minerPort = try freePort()
        let base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
                    "LOTUS_LIBP2P_LISTENADDRESSES": "/ip4/127.0.0.1/tcp/0", "LOTUS_PATH": home + "/lotus", "LOTUS_MINER_PATH": home + "/miner"]
        // The devnet allows 2 KiB and 8 MiB sectors by default.
        try #"{"SectorSizes":["2KiB","8MiB","\#(sectorSize)"]}"#.write(toFile: home + "/params.json", atomically: true, encoding: .utf8)
        let daemon = try launch(
            bin, "lotus", ["daemon", "--devnet", "--api", String(daemonPort), "--block-time", blockTime, "--network-params", home + "/params.json"],
            base, log: home + "/daemon.log")
        try await waitForFile(home + "/lotus/api", process: daemon, what: "lotus daemon")
        let token = try String(contentsOfFile: home + "/lotus/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let api = try String(contentsOfFile: home + "/lotus/api", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var environment = base
        environment["FULLNODE_API_INFO"] = "\(token):\(api)"
        let owner = try await run(bin, "lotus", ["wallet", "default"], environment)
        _ = try await run(bin, "lotus-miner", ["init", "--owner", owner, "--sector-size", sectorSize], environment)
        let subsystems = split ? "[Subsystems]\n  EnableMarkets = false\n" : ""
        try (apiConfig(minerPort) + subsystems + minerConfig).write(toFile: home + "/miner/config.toml", atomically: true, encoding: .utf8)
        let miner = try launch(bin, "lotus-miner", ["run"], environment, log: home + "/miner.log")
        try await waitForFile(home + "/miner/api", process: miner, what: "lotus-miner run")
        _ = try await run(bin, "lotus-miner", ["storage", "attach", "--init", "--seal", "--store", home + "/store"], environment)
        guard split else {
            return BenchNodes(
                home: home, bin: bin, daemon: daemon, miner: miner, markets: nil, daemonPort: daemonPort, minerPort: minerPort, marketsPort: nil,
                environment: environment)
        }
        // The markets node: its own repo, Markets only, the mining node's admin API info.
        let apiInfo = try await run(bin, "lotus-miner", ["auth", "api-info", "--perm=admin"], environment).replacingOccurrences(of: "MINER_API_INFO=", with: "")
        let marketsPort = try freePort()
        var marketsEnvironment = environment
        marketsEnvironment["LOTUS_MINER_PATH"] = home + "/markets"
        _ = try await run(bin, "lotus-miner", ["init", "--actor", "t01000"], marketsEnvironment)
        let marketsConfig = apiConfig(marketsPort) + ConfigFile.marketsNodeSubsystems(apiInfo: apiInfo) + minerConfig
        try marketsConfig.write(toFile: home + "/markets/config.toml", atomically: true, encoding: .utf8)
        if sharedStorage {
            let paths = try JSONSerialization.data(withJSONObject: ["StoragePaths": [["Path": home + "/store"]]], options: [.prettyPrinted])
            try paths.write(to: URL(fileURLWithPath: home + "/markets/storage.json"))
        }
        let markets = try launch(bin, "lotus-miner", ["run"], marketsEnvironment, log: home + "/markets.log")
        try await waitForFile(home + "/markets/api", process: markets, what: "lotus-miner run (markets)")
        return BenchNodes(
            home: home, bin: bin, daemon: daemon, miner: miner, markets: markets, daemonPort: daemonPort, minerPort: minerPort,
            marketsPort: marketsPort, environment: environment)
    }

    static func apiConfig(_ port: Int) -> String {
        "[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/\(port)/http\"\n  RemoteListenAddress = \"127.0.0.1:\(port)\"\n"
    }

    /// An admin client of the node at `port` whose repo is `repo`.
    public func client(port: Int, path: String, repo: String) throws -> any RPCCaller {
        let token = try String(contentsOfFile: repo + "/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return RPCClient(transport: HTTP2ClientTransport(endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: path, token: token))
    }

    /// The miner process's ID (for ``rss(pid:)`` from a sampling task).
    public var minerPID: Int32 { miner.processIdentifier }
    /// The process ID of the node that runs Markets.
    public var marketsPID: Int32 { (markets ?? miner).processIdentifier }

    /// A process's resident memory now, in bytes (`VmRSS`).
    public static func rss(pid: Int32) -> UInt64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = line.split(separator: " ").compactMap({ UInt64($0) }).first
        else { return nil }
        return kib * 1024
    }

    public func stop() {
        let all = [markets, miner, daemon].compactMap { $0 }
        for process in all where process.isRunning { process.terminate() }
        for process in all { process.waitUntilExit() }
    }

    static func launch(_ bin: URL, _ tool: String, _ arguments: [String], _ environment: [String: String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = bin.appendingPathComponent(tool)
        process.arguments = arguments
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Runs `tool` to completion; returns its trimmed output.
    public static func run(_ bin: URL, _ tool: String, _ arguments: [String], _ environment: [String: String]) async throws -> String {
        let process = Process()
        process.executableURL = bin.appendingPathComponent(tool)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else { throw BenchError("\(tool) \(arguments.joined(separator: " ")) failed: \(text)") }
        return text
    }

    static func waitForFile(_ path: String, process: Process, what: String) async throws {
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: path) { return }
            guard process.isRunning else { throw BenchError("\(what) exited (\(process.terminationStatus))") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("\(what) did not come up in 30 s")
    }

    /// A loopback port nothing listens on right now (for servers that cannot report an ephemeral port, such as nginx).
    public static func freeLoopbackPort() throws -> Int { try freePort() }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BenchError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
