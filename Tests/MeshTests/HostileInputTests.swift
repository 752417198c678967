import APICore
import CommonAPI
import Foundation
import JSONRPC
import MeshTestKit
import TestScheduling
import Testing

/// Malformed JSON-RPC over a real HTTP/2 connection: every body gets a JSON-RPC error (or, if it still
/// parses, a proper answer) and the node keeps serving.
@Suite("Hostile JSON-RPC over HTTP/2")
struct HostileInputTests {
    @Test("2000 mutated bodies on one connection, then a normal call", .heavyLoad)
    func mutatedBodiesOverHTTP2() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .http2)) { mesh in
            let client = try #require(try mesh.client(mesh.miningNode) as? RPCClient)
            let seeds = [
                #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.AuthVerify","params":["eyJhbGciOiJIUzI1NiJ9.e30.x"]}"#,
                #"{"jsonrpc":"2.0","id":"a","method":"Filecoin.LogSetLevel","params":["rpc","debug"]}"#,
                #"{"jsonrpc":"2.0","id":3,"method":"Filecoin.StorageAddLocal","params":["/nonexistent"]}"#,
            ].map { Array($0.utf8) }
            var state: UInt64 = 42
            func next() -> UInt64 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state >> 33
            }
            var errors = 0
            for round in 0..<2000 {
                var body = seeds[round % seeds.count]
                for _ in 0...(next() % 3) {
                    let position = Int(next() % UInt64(body.count))
                    switch next() % 3 {
                    case 0: body.remove(at: position)
                    case 1: body.insert(UInt8(truncatingIfNeeded: next()), at: position)
                    default: body[position] = UInt8(truncatingIfNeeded: next())
                    }
                    if body.isEmpty { body = [0x7b] }
                }
                let reply = try await client.transport.send(body)
                #expect([200, 500].contains(reply.status), "status \(reply.status)")
                guard !reply.body.isEmpty else { continue }
                let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
                #expect((object["error"] == nil) != (object["result"] == nil))
                if object["error"] != nil { errors += 1 }
            }
            #expect(errors > 1000)
            let version = try await SubsystemRef<CommonMethods>.remote(client).call(\.version)
            #expect(version.apiVersion == .minerAPI)
        }
    }
}
