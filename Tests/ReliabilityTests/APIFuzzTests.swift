import APICore
import Foundation
import HTTP2Transport
import JSONRPC
import MeshTestKit
import RPCFuzz
import TestScheduling
import Testing

/// The API fuzzer, short and seeded: every method of the daemon and the miner nodes, generated from its definition,
/// with boundary and mutated params, with and without a token, over HTTP/2. `scripts/fuzz` runs the long version
/// against real processes.
@Suite("API fuzzing", .heavyLoad)
struct APIFuzzTests {
    @Test("the generator makes params every method's param types decode from", arguments: ["daemon", "miner"])
    func samplesDecode(node: String) throws {
        let methods = node == "daemon" ? FuzzCatalog.daemon : FuzzCatalog.miner
        var random = FuzzRandom(seed: 7)
        for method in methods {
            for type in method.parameterTypes {
                let decodes = (0..<60).contains { _ in
                    let sample = ShapeSynthesizer.sample(type, pool: SamplePool(), random: &random)
                    return (try? JSONDecoder().decode(type, from: Data(sample.text.utf8))) != nil
                }
                #expect(decodes, "no sample of \(type) (a param of \(method.wireName)) decodes")
            }
        }
    }

    @Test("mutations reach numbers beyond Int64 and UInt64, and nesting past the parser's limit")
    func mutationsAreHostile() {
        var random = FuzzRandom(seed: 3)
        let texts = (0..<400).map { _ in
            JSONMutator.mutate(.array([.number("1"), .string("t01000"), .object([("Nonce", .number("0"))])]), count: 2, random: &random).text
        }
        #expect(texts.contains { $0.contains("18446744073709551616") })
        #expect(texts.contains { $0.contains("-9223372036854775809") })
        #expect(JSONMutator.nested(depth: 300, random: &random).text.count > 600)
    }

    @Test("every method of the daemon and the miner survives boundary and mutated params", arguments: MeshTopology.allCases)
    func everyMethodSurvives(topology: MeshTopology) async throws {
        try await Mesh.with(MeshCase(topology: topology, transport: .http2), chain: true) { mesh in
            let daemon = try #require(mesh.daemon)
            var targets = [
                try Self.target("daemon", address: daemon.address, token: daemon.token(.admin),
                                methods: FuzzCatalog.daemon)
            ]
            for node in mesh.nodes {
                targets.append(try Self.target(node.name, address: node.address, token: node.token(.admin), methods: FuzzCatalog.miner))
            }
            let fuzzer = RPCFuzzer(options: .init(callsPerMethod: Self.calls, seed: Self.seed, parallel: 16, callTimeout: .milliseconds(500)))
            let report = await fuzzer.run(targets)

            #expect(report.failures.isEmpty, "\(report)")
            for target in targets {
                #expect(await fuzzer.isAlive(target), "\(target.name) still answers after the run")
                for method in target.methods {
                    #expect(report.calls(target.name, method.name) == Self.calls, "\(target.name) \(method.name) was called \(Self.calls) times")
                }
            }
            let results = report.counts.values.compactMap { $0[.result] }.reduce(0, +)
            #expect(results > report.totalCalls / 10, "well-formed samples reach the methods: \(report)")
        }
    }

    /// Calls per method: 10, or `LOTUS_FUZZ_CALLS`; the seed: 2026, or `LOTUS_FUZZ_SEED`.
    static let calls = ProcessInfo.processInfo.environment["LOTUS_FUZZ_CALLS"].flatMap { Int($0) } ?? 10
    static let seed = ProcessInfo.processInfo.environment["LOTUS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2026

    static func target(_ name: String, address: String, token: String, methods: [any MethodDescriptor]) throws -> FuzzTarget {
        let endpoint = try APIEndpoint.parse(address)
        return FuzzTarget(
            name: name, methods: methods,
            withToken: HTTP2ClientTransport(endpoint: endpoint, path: "/rpc/v0", token: token, requestTimeout: .seconds(1)),
            withoutToken: HTTP2ClientTransport(endpoint: endpoint, path: "/rpc/v0", token: nil, requestTimeout: .seconds(1)))
    }
}
