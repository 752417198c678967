import APICore
import Foundation
import HTTP2Transport
import JSONRPC
import MeshTestKit
import Testing

/// The inputs the fuzzer and the audit found trapping the daemon, sent as a hostile client would (raw JSON over
/// HTTP/2): each now gets a JSON-RPC error, or waits harmlessly, and the daemon keeps serving.
@Suite("Boundary inputs")
struct BoundaryInputTests {
    @Test("numbers at and beyond the limits of their types get errors, without a token too")
    func boundaryNumbersGetErrors() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .http2), chain: true) { mesh in
            let daemon = try #require(mesh.daemon)
            let endpoint = try APIEndpoint.parse(daemon.address)
            let admin = HTTP2ClientTransport(endpoint: endpoint, path: "/rpc/v1", token: daemon.token(.admin), requestTimeout: .seconds(30))
            let anonymous = HTTP2ClientTransport(endpoint: endpoint, path: "/rpc/v1", token: nil, requestTimeout: .seconds(30))
            let wallet = try #require(Self.string(try await Self.call(admin, "WalletDefaultAddress", "[]"), "result"))

            // StateMinerSectors: run lengths whose member count overflows UInt64 (no token needed).
            let sectors = try await Self.call(anonymous, "StateMinerSectors", #"["t01000",[0,1,1,18446744073709551615],null]"#)
            #expect(Self.errorMessage(sectors)?.contains("bitfield") == true, "\(sectors)")

            // MpoolPushMessage: a premium of Int128.max (the fee arithmetic overflowed).
            let premium = try await Self.call(admin, "MpoolPushMessage", """
                [{"Version":0,"To":"\(wallet)","From":"\(wallet)","Nonce":0,"Value":"1","GasLimit":0,
                  "GasFeeCap":"0","GasPremium":"170141183460469231731687303715884105727","Method":0,"Params":null},null]
                """)
            #expect(Self.errorMessage(premium)?.contains("'GasPremium'") == true, "\(premium)")

            // StateWaitMsg with a confidence beyond Int64 on an executed message (it trapped converting it).
            let sent = try await Self.call(admin, "MpoolPushMessage", """
                [{"Version":0,"To":"\(wallet)","From":"\(wallet)","Nonce":0,"Value":"1","GasLimit":0,
                  "GasFeeCap":"0","GasPremium":"0","Method":0,"Params":null},null]
                """)
            let cid = try #require(Self.string(sent, "/"), "\(sent)")
            let done = try await Self.call(anonymous, "StateWaitMsg", #"[{"/":"\#(cid)"},0,-1,true]"#)
            #expect(Self.errorMessage(done) == nil, "\(done)")
            for confidence in ["9223372036854775808", "18446744073709551615"] {
                let short = HTTP2ClientTransport(endpoint: endpoint, path: "/rpc/v1", token: nil, requestTimeout: .milliseconds(500))
                await #expect(throws: RPCError.self) {
                    _ = try await Self.call(short, "StateWaitMsg", #"[{"/":"\#(cid)"},\#(confidence),-1,true]"#)
                }
                await short.close()
            }
            let head = try await Self.call(anonymous, "ChainHead", "[]")
            #expect(Self.errorMessage(head) == nil, "the daemon still serves: \(head)")
            await admin.close()
            await anonymous.close()
        }
    }

    static func call(_ transport: HTTP2ClientTransport, _ method: String, _ params: String) async throws -> [String: Any] {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.\#(method)","params":\#(params)}"#
        let reply = try await transport.send(Array(body.utf8))
        return try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] ?? [:]
    }

    static func errorMessage(_ reply: [String: Any]) -> String? {
        (reply["error"] as? [String: Any])?["message"] as? String
    }

    /// The string at `key` in the result (or the result itself for `"result"`), searching one level of nesting.
    static func string(_ reply: [String: Any], _ key: String) -> String? {
        if key == "result" { return reply["result"] as? String }
        guard let result = reply["result"] as? [String: Any] else { return nil }
        if let value = result[key] as? String { return value }
        return result.values.lazy.compactMap { ($0 as? [String: Any])?[key] as? String }.first
    }
}
