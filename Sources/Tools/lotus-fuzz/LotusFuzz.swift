import APICore
import ArgumentParser
import Foundation
import HTTP2Transport
import JSONRPC
import RPCFuzz

/// `lotus-fuzz`: calls every API method of a running daemon and miner with generated boundary and mutated params,
/// with and without a token, over HTTP/2; prints the counts and every call after which a node stopped answering.
/// Exits 1 when a node crashed or answered something that is not JSON-RPC. Started by `scripts/fuzz`.
@main
struct LotusFuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus-fuzz", abstract: "Fuzz the JSON-RPC API of a running daemon and miner")

    @Option(help: "the daemon's API info (TOKEN:/ip4/127.0.0.1/tcp/PORT/http, as FULLNODE_API_INFO)")
    var daemon: String?

    @Option(help: "a miner node's API info (as MINER_API_INFO); repeat for each node of a split")
    var miner: [String] = []

    @Option(help: "calls per method per node")
    var calls = 2000

    @Option(help: "the seed of the generator (the same seed gives the same inputs)")
    var seed: UInt64 = 1

    @Option(help: "calls in flight per method")
    var parallel = 16

    @Option(help: "seconds a call may take before it counts as a timeout (waits on unknown messages never end)")
    var timeout = 2.0

    func run() async throws {
        var targets: [FuzzTarget] = []
        if let daemon { targets.append(try Self.target("daemon", daemon, methods: FuzzCatalog.daemon, timeout: timeout)) }
        for (index, info) in miner.enumerated() {
            targets.append(try Self.target("miner\(miner.count > 1 ? String(index) : "")", info, methods: FuzzCatalog.miner, timeout: timeout))
        }
        guard !targets.isEmpty else { throw ValidationError("give --daemon and/or --miner") }
        let fuzzer = RPCFuzzer(options: .init(callsPerMethod: calls, seed: seed, parallel: parallel, callTimeout: .seconds(timeout)))
        let report = await fuzzer.run(targets) { line in
            print(line)
            fflush(nil)
        }
        print(report)
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    static func target(_ name: String, _ raw: String, methods: [any MethodDescriptor], timeout: Double) throws -> FuzzTarget {
        let info = try APIInfo.parse(raw)
        let endpoint = try APIEndpoint.parse(info.address)
        let path = "/rpc/v0"
        let limit = Duration.seconds(timeout)
        return FuzzTarget(
            name: name, methods: methods,
            withToken: HTTP2ClientTransport(endpoint: endpoint, path: path, token: info.token, requestTimeout: limit),
            withoutToken: HTTP2ClientTransport(endpoint: endpoint, path: path, token: nil, requestTimeout: limit))
    }
}
