import APICore
import ChildProcesses
import Foundation
import HTTP2Transport
import JSONRPC
import TestScheduling

/// A node process (`lotus-miner run`, `lotus daemon`) on a repo, started and stopped by a test.
public final class NodeProcess: Sendable {
    public let repo: String
    public let port: Int
    let process: Process
    let logFile: URL

    /// Initialises (if needed) and starts a node whose config is `configTOML`, listening on a free port.
    /// Waits until the `api` file appears. With `libp2pOnLoopback` false, the host listens where the config says
    /// (see ``Tools/loopbackLibp2p``).
    public static func start(
        repo: String, config configTOML: String = "", environment: [String: String] = [:], port: Int? = nil,
        libp2pOnLoopback: Bool = true
    ) async throws -> NodeProcess {
        let port = try port ?? Tools.freePort()
        if !FileManager.default.fileExists(atPath: repo + "/keystore") {
            let initOut = try await Tools.run("lotus-miner", ["init", "--actor", "t01000"], environment: ["LOTUS_MINER_PATH": repo])
            guard initOut.status == 0 else { throw ProcessFailure("init failed: \(initOut)") }
        }
        let config = "[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/\(port)/http\"\n  RemoteListenAddress = \"127.0.0.1:\(port)\"\n" + configTOML
        try config.write(toFile: repo + "/config.toml", atomically: true, encoding: .utf8)
        return try await launch(
            "lotus-miner", ["run"], repo: repo, port: port, environment: ["LOTUS_MINER_PATH": repo].merging(environment) { _, new in new },
            libp2pOnLoopback: libp2pOnLoopback)
    }

    /// Starts `tool args` (any node: `lotus-miner run`, `lotus daemon --devnet`) whose repo is `repo` and whose API
    /// listens on `port`, logging to `<repo>/node.log` (appended, so restarts keep earlier logs). Waits until the
    /// repo's `api` file appears (a stale one left by a killed process is removed first). Its libp2p host listens
    /// on loopback unless `libp2pOnLoopback` is false (``Tools/loopbackLibp2p``).
    public static func launch(
        _ tool: String, _ args: [String], repo: String, port: Int, environment: [String: String] = [:],
        libp2pOnLoopback: Bool = true
    ) async throws -> NodeProcess {
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: repo + "/api")
        let process = Process()
        process.executableURL = Tools.binDir.appendingPathComponent(tool)
        process.arguments = args
        var processEnvironment = Tools.baseEnvironment.merging(environment) { _, new in new }
        if !libp2pOnLoopback {
            for key in Tools.loopbackLibp2p.keys where environment[key] == nil { processEnvironment[key] = nil }
        }
        process.environment = processEnvironment
        let logFile = URL(fileURLWithPath: repo + "/node.log")
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: logFile)
        try handle.seekToEnd()
        process.standardOutput = handle
        process.standardError = handle
        try ChildProcess.start(process)
        let node = NodeProcess(repo: repo, port: port, process: process, logFile: logFile)
        let apiFile = repo + "/api"
        _ = await TestTime.poll(within: .seconds(20), every: .milliseconds(50)) {
            FileManager.default.fileExists(atPath: apiFile) || !process.isRunning
        }
        if FileManager.default.fileExists(atPath: apiFile) { return node }
        if !process.isRunning { throw ProcessFailure("\(tool) \(args.joined(separator: " ")) exited (\(process.terminationStatus)): \(node.log)") }
        node.kill()
        throw ProcessFailure("\(tool) did not write its api file in \(TestTime.scaled(.seconds(20))): \(node.log)")
    }

    init(repo: String, port: Int, process: Process, logFile: URL) {
        self.repo = repo
        self.port = port
        self.process = process
        self.logFile = logFile
    }

    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }
    /// The process id (for signals).
    public var pid: Int32 { process.processIdentifier }
    public var url: String { "http://127.0.0.1:\(port)/rpc/v0" }
    public var multiaddr: String { "/ip4/127.0.0.1/tcp/\(port)/http" }
    /// A JSON-RPC client of this node over HTTP/2 with its admin token (`/rpc/v1` for a daemon, `/rpc/v0` for a miner).
    public func client(path: String = "/rpc/v0") throws -> any RPCCaller {
        RPCClient(transport: HTTP2ClientTransport(endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: path, token: adminToken))
    }
    public var adminToken: String { ((try? String(contentsOfFile: repo + "/token", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Sends SIGTERM and waits for exit; returns the exit status.
    @discardableResult
    public func terminate() async -> Int32 {
        process.terminate()
        return await waitForExit()
    }

    /// Waits up to 10 s for the process to exit, then kills it and waits for that; returns its exit status, or
    /// `Self.stillRunning` if it was not reaped in another minute (a loaded machine; Foundation traps on reading the
    /// status of a running process, so this never does). Both waits are ``TestTime/scaled(_:)``.
    public func waitForExit() async -> Int32 {
        let process = self.process
        _ = await TestTime.poll(within: .seconds(10), every: .milliseconds(25)) { !process.isRunning }
        if process.isRunning { kill() }
        _ = await TestTime.poll(within: .seconds(60), every: .milliseconds(25)) { !process.isRunning }
        return process.isRunning ? Self.stillRunning : process.terminationStatus
    }

    /// What ``waitForExit()`` returns for a process that would not go away.
    public static let stillRunning: Int32 = -1

    public func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}

public struct ProcessFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
