import APICore
import Foundation
import FullNode
import FullNodeAPI
import HTTP2Transport
import JSONRPC
import MeshTestKit
import TestScheduling

/// A `lotus daemon --devnet` process on a temporary repo, and the ways a test talks to it: the `lotus` CLI (as an
/// operator) and the API over HTTP/2 (to check invariants).
struct DevnetDaemon {
    let repo: String
    let port: Int
    let process: NodeProcess

    /// A new temporary repo path (not created).
    static func temporaryRepo(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lotus-\(name)-\(UUID().uuidString.prefix(6))").path
    }

    /// Starts `lotus daemon --devnet --block-time <blockTime> --api <port>` and waits for its `api` file.
    static func start(repo: String, blockTime: String = "100ms", extra: [String] = [], port: Int? = nil) async throws -> DevnetDaemon {
        let port = try port ?? Tools.freePort()
        let process = try await NodeProcess.launch(
            "lotus", ["daemon", "--devnet", "--block-time", blockTime, "--api", "\(port)"] + extra, repo: repo, port: port,
            environment: ["LOTUS_PATH": repo])
        return DevnetDaemon(repo: repo, port: port, process: process)
    }

    /// Runs `lotus args` against this repo.
    func lotus(_ args: [String]) async throws -> Tools.Output {
        try await Tools.run("lotus", args, environment: ["LOTUS_PATH": repo])
    }

    /// `lotus args`, which must succeed; its stdout without the trailing newline.
    func lotusOK(_ args: [String]) async throws -> String {
        let out = try await lotus(args)
        guard out.status == 0 else { throw ProcessFailure("lotus \(args.joined(separator: " ")) failed: \(out)\nnode log: \(process.log.suffix(2000))") }
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The full node API with the repo's admin token, over HTTP/2 on `/rpc/v1`.
    var api: SubsystemRef<FullNodeMethods> {
        .remote(
            RPCClient(
                transport: HTTP2ClientTransport(
                    endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: "/rpc/v1", token: process.adminToken)))
    }

    /// Polls `condition` every 50 ms for up to `seconds` (``TestTime/scaled(_:)``); a failing check counts as
    /// not yet, except the last.
    static func eventually(_ seconds: Double = 15, _ condition: () async throws -> Bool) async throws -> Bool {
        let limit = Duration.milliseconds(Int(seconds * 1000))
        if await TestTime.poll(within: limit, every: .milliseconds(50), { (try? await condition()) == true }) { return true }
        return try await condition()
    }
}
