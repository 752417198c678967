import Foundation
import MeshTestKit
import TestScheduling
import Testing

/// A devnet chain daemon (`lotus daemon --devnet`) on a temporary repo, and helpers that run `lotus` and
/// `lotus-miner` against it as an operator would.
final class ChainDevnet: Sendable {
    let home: String
    let port: Int
    let blockTime: String
    let daemon: NodeProcess

    var daemonRepo: String { home + "/lotus" }
    var minerRepo: String { home + "/miner" }

    /// The devnet's epochs in the tests: 100 ms, times ``TestTime/scale`` — sanitized nodes are that much slower, and
    /// the chain's clock must not outrun them (a proving deadline is 10 epochs; a win is late after one).
    static var defaultBlockTime: String { blockTime(milliseconds: 100) }

    /// `--block-time` for epochs of `milliseconds` in a plain run, times ``TestTime/scale``.
    static func blockTime(milliseconds: Int) -> String { "\(TestTime.scaledUp(milliseconds))ms" }

    /// Starts a daemon with `blockTime` on a fresh repo under a new temporary directory.
    static func start(blockTime: String = defaultBlockTime) async throws -> ChainDevnet {
        let home = NSTemporaryDirectory() + "chainproc-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let port = try Tools.freePort()
        let daemon = try await launchDaemon(home: home, port: port, blockTime: blockTime)
        return ChainDevnet(home: home, port: port, blockTime: blockTime, daemon: daemon)
    }

    private init(home: String, port: Int, blockTime: String, daemon: NodeProcess) {
        self.home = home
        self.port = port
        self.blockTime = blockTime
        self.daemon = daemon
    }

    static func launchDaemon(home: String, port: Int, blockTime: String) async throws -> NodeProcess {
        let node = try await NodeProcess.launch(
            "lotus", ["daemon", "--devnet", "--api", String(port), "--block-time", blockTime], repo: home + "/lotus", port: port,
            environment: ["LOTUS_PATH": home + "/lotus"])
        let wait = try await Tools.run("lotus", ["wait-api", "--timeout", "30s"], environment: ["LOTUS_PATH": home + "/lotus"])
        guard wait.status == 0 else { throw ProcessFailure("lotus wait-api: \(wait)") }
        return node
    }

    /// Runs `body` against a fresh devnet with `blockTime` epochs and always tears it down (the daemon's log tail
    /// is recorded when `body` fails).
    static func with(blockTime: String = defaultBlockTime, _ body: (ChainDevnet) async throws -> Void) async throws {
        let net = try await start(blockTime: blockTime)
        do {
            try await body(net)
        } catch {
            Issue.record("daemon log tail: \(net.daemon.log.suffix(1500))")
            await net.tearDown()
            throw error
        }
        await net.tearDown()
    }

    /// A daemon started again on the same repo and port (after `kill -9` or a stop).
    func restarted() async throws -> ChainDevnet {
        let daemon = try await Self.launchDaemon(home: home, port: port, blockTime: blockTime)
        return ChainDevnet(home: home, port: port, blockTime: blockTime, daemon: daemon)
    }

    /// The environment every command gets: the daemon's repo and the miner's.
    var environment: [String: String] { ["LOTUS_PATH": daemonRepo, "LOTUS_MINER_PATH": minerRepo] }

    /// The runbook's first steps on this devnet: `lotus-miner init --owner <default wallet>`, `lotus-miner run` (with
    /// `config` appended to its config.toml, `environment` added to its process's) and `storage attach --init --seal
    /// --store <home>/store`.
    func startMiner(config: String = "", environment: [String: String] = [:]) async throws -> NodeProcess {
        let owner = try await lotus("wallet", "default")
        try await miner("init", "--owner", owner)
        let node = try await NodeProcess.start(
            repo: minerRepo, config: config, environment: try fullNodeEnvironment().merging(environment) { _, new in new })
        do {
            try await miner("storage", "attach", "--init", "--seal", "--store", home + "/store")
        } catch {
            node.kill()
            throw error
        }
        return node
    }

    /// `FULLNODE_API_INFO` for a mining node of this devnet: the daemon's admin token and API address.
    func fullNodeEnvironment() throws -> [String: String] {
        let token = try String(contentsOfFile: daemonRepo + "/token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let api = try String(contentsOfFile: daemonRepo + "/api", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return ["FULLNODE_API_INFO": "\(token):\(api)"]
    }

    /// Runs `lotus args`, expecting success; returns trimmed stdout.
    @discardableResult
    func lotus(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await succeed("lotus", args, sourceLocation: sourceLocation)
    }

    /// Runs `lotus-miner args`, expecting success; returns trimmed stdout.
    @discardableResult
    func miner(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await succeed("lotus-miner", args, sourceLocation: sourceLocation)
    }

    /// Runs `tool args` with ``environment`` plus `extra`, whatever its outcome.
    func run(_ tool: String, _ args: [String], extra: [String: String] = [:]) async throws -> Tools.Output {
        try await Tools.run(tool, args, environment: environment.merging(extra) { _, new in new })
    }

    private func succeed(_ tool: String, _ args: [String], sourceLocation: SourceLocation) async throws -> String {
        let output = try await run(tool, args)
        guard output.status == 0 else {
            Issue.record("\(tool) \(args.joined(separator: " ")) failed: \(output)", sourceLocation: sourceLocation)
            throw ProcessFailure("\(tool) \(args.joined(separator: " ")) failed")
        }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls `lotus wallet balance address` until it prints `expected` (epochs are 100–250 ms; 20 s at most, scaled by `TestTime`).
    func waitForBalance(_ address: String, _ expected: String) async throws {
        var last = ""
        let held = try await TestTime.poll(within: .seconds(20), every: .milliseconds(100)) {
            last = try await lotus("wallet", "balance", address)
            return last == expected
        }
        if held { return }
        throw ProcessFailure("balance of \(address) stayed \(last), expected \(expected)")
    }

    /// The value of a `Key:\tvalue` line of `text`.
    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Stops the daemon and removes the temporary directory.
    func tearDown() async {
        await daemon.terminate()
        try? FileManager.default.removeItem(atPath: home)
    }
}
