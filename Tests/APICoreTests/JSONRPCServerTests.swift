import APICore
import Foundation
import JSONRPC
import Logging
import RPCAuth
import Testing

/// The JSON-RPC layer as go-jsonrpc behaves (reference §5.3), through the in-process transport.
@Suite("JSON-RPC server: framing, error codes, permissions")
struct JSONRPCServerTests {
    let authority = JWTAuthority(secret: Array(repeating: 7, count: 32))
    let server: RPCServer

    init() {
        var table = RouteTable()
        table.serve(TestActor())
        server = RPCServer(routes: table.routes, authority: authority, maxRequestSize: 1 << 20, logger: Logger(label: "test"))
    }

    func post(_ body: String, token: String? = nil) async -> (status: Int, json: [String: Any]?) {
        let permissions = server.authenticate(authorization: token.map { "Bearer \($0)" }) ?? []
        let reply = await server.handle(Array(body.utf8), permissions: permissions, streaming: .none)
        guard case .message(let bytes) = reply.body else { return (reply.status, nil) }
        return (reply.status, try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func errorCode(_ json: [String: Any]?) -> Int? { (json?["error"] as? [String: Any])?["code"] as? Int }
    func errorMessage(_ json: [String: Any]?) -> String? { (json?["error"] as? [String: Any])?["message"] as? String }

    @Test func resultEchoesTheRequestID() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":"abc","method":"Filecoin.Echo","params":["hi"]}"#)
        #expect(reply.status == 200)
        #expect(reply.json?["id"] as? String == "abc")
        #expect(reply.json?["result"] as? String == "hi")
        #expect(reply.json?["error"] == nil)
    }

    @Test func parseErrorIs32700WithHTTP500() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"#)
        #expect(reply.status == 500)
        #expect(errorCode(reply.json) == -32700)
    }

    @Test func unknownMethodIs32601() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Nope","params":[]}"#)
        #expect(reply.status == 500)
        #expect(errorCode(reply.json) == -32601)
        #expect(errorMessage(reply.json) == "method 'Filecoin.Nope' not found")
    }

    @Test func wrongParamCountIs32602() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Echo","params":["a","b"]}"#)
        #expect(errorCode(reply.json) == -32602)
        #expect(errorMessage(reply.json) == "wrong param count (method 'Filecoin.Echo'): 2 != 1")
    }

    @Test func badParamTypeIsAParseErrorNamingTheParam() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Add","params":[1,"x"]}"#, token: authority.token(allow: ["read", "write"]))
        #expect(errorCode(reply.json) == -32700)
        #expect(errorMessage(reply.json)?.hasPrefix("unmarshaling params for 'Filecoin.Add' (param: 1)") == true)
    }

    @Test func methodErrorsAreCode1WithHTTP200() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Fail","params":["disk full"]}"#)
        #expect(reply.status == 200)
        #expect(errorCode(reply.json) == 1)
        #expect(errorMessage(reply.json) == "disk full")
    }

    @Test func notificationsGetNoAnswer() async {
        let reply = await post(#"{"jsonrpc":"2.0","method":"Filecoin.Echo","params":["x"]}"#)
        #expect(reply.status == 200)
        #expect(reply.json == nil)
    }

    @Test func channelMethodsAreRefusedOnPlainHTTP() async {
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Count","params":[3]}"#)
        #expect(errorCode(reply.json) == -32601)
        #expect(errorMessage(reply.json) == "method 'Filecoin.Count' not supported in this mode (no out channel support)")
    }

    @Test func tokensDecidePermissions() async {
        #expect(server.authenticate(authorization: nil) == [.read])
        #expect(server.authenticate(authorization: "Bearer garbage") == nil)
        #expect(server.authenticate(authorization: authority.token(allow: ["read"])) == nil, "no Bearer prefix")
        let foreign = JWTAuthority(secret: Array(repeating: 9, count: 32)).token(allow: ["admin"])
        #expect(server.authenticate(authorization: "Bearer " + foreign) == nil)
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Add","params":[1,2]}"#)
        #expect(errorMessage(reply.json) == "missing permission to invoke 'Add' (need 'write')")
    }

    @Test func batchesAndNonObjectsAreInvalidRequests() async {
        #expect(errorCode(await post("[1,2]").json) == -32600)
        #expect(errorCode(await post("42").json) == -32600)
        #expect(errorCode(await post(#"{"id":1,"method":5}"#).json) == -32600)
    }

    @Test func channelsStreamValuesThenClose() async throws {
        let client = RPCClient(transport: InProcessTransport(server: server, token: nil))
        let values = try await SubsystemRef<TestMethods>.remote(client).subscribe(TestActor.methods.count, params: Args1(5))
        var seen: [Int] = []
        for try await value in values { seen.append(value) }
        #expect(seen == [0, 1, 2, 3, 4])
    }

    @Test("Byte stream params arrive as a push next to the call, locally and through the codec")
    func byteStreams() async throws {
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var sum: UInt64 = 0
        for byte in bytes { sum = sum &* 31 &+ UInt64(byte) }
        let local = try await SubsystemRef<TestMethods>.local(TestActor()).call(TestActor.methods.measure, params: Args1(ByteStream(bytes: bytes)))
        #expect(local == [UInt64(bytes.count), sum])
        let client = RPCClient(transport: InProcessTransport(server: server, token: authority.token(allow: ["read", "write"])))
        let remote = try await SubsystemRef<TestMethods>.remote(client).call(TestActor.methods.measure, params: Args1(ByteStream(bytes: bytes)))
        #expect(remote == [UInt64(bytes.count), sum])
    }

    @Test func deepNestingIsRejectedNotACrash() async {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let reply = await post(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Echo","params":[\#(deep)]}"#)
        #expect(errorCode(reply.json) == -32700)
    }

    @Test("Thousands of mutated bodies each get a JSON-RPC error or a result, and the server keeps serving")
    func mutatedBodies() async throws {
        let seeds = [
            #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Echo","params":["hello \"world\" \u00e9"]}"#,
            #"{"jsonrpc":"2.0","id":"x-7","method":"Filecoin.Add","params":[12345678901,-2.5e3]}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"Filecoin.Count","params":[{"a":[true,false,null]}]}"#,
        ].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 0x5eed)
        let token = "Bearer " + authority.token(allow: ["read", "write"])
        let permissions = try #require(server.authenticate(authorization: token))
        var answered = 0
        for round in 0..<3000 {
            var body = seeds[round % seeds.count]
            for _ in 0...(rng.next() % 4) {
                let position = Int(rng.next() % UInt64(max(body.count, 1)))
                switch rng.next() % 4 {
                case 0: if !body.isEmpty { body.remove(at: position) }
                case 1: body.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
                case 2: if !body.isEmpty { body[position] = UInt8(truncatingIfNeeded: rng.next()) }
                default: body = Array(body.prefix(position))
                }
            }
            let reply = await server.handle(body, permissions: permissions, streaming: .none)
            switch reply.body {
            case .message(let bytes):
                let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], "reply is JSON")
                #expect((object["error"] == nil) != (object["result"] == nil), "exactly one of result and error")
                answered += 1
            case .none, .stream:
                break
            }
        }
        #expect(answered > 2000)
        let client = RPCClient(transport: InProcessTransport(server: server, token: nil))
        #expect(try await SubsystemRef<TestMethods>.remote(client).call(TestActor.methods.echo, params: Args1("still here")) == "still here")
    }
}

/// A tiny deterministic generator so the mutation test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
