import APICore
import Foundation
import HTTP2Transport

/// Sends one request with our HTTP/2 client and checks the answer is the JSON `expected` (compared with
/// sorted keys: our server's JSONEncoder does not keep object keys in a fixed order); waits for the
/// server to come up (nginx starts asynchronously).
enum ReplyCheck {
    static func expect(_ expected: [UInt8], from name: String, port: Int, body: [UInt8], waiting: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + waiting
        while true {
            let transport = HTTP2ClientTransport(
                endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: Mesh.rpcPath, token: nil,
                connectTimeout: .milliseconds(500))
            do {
                let (status, reply) = try await transport.send(body)
                await transport.close()
                guard status == 200, canonical(reply) == canonical(expected) else {
                    throw BenchError(
                        "\(name) answered HTTP \(status) with \(reply.count) bytes (\(String(decoding: reply.prefix(120), as: UTF8.self))); "
                            + "expected 200 and the \(expected.count)-byte JSON-RPC reply")
                }
                return
            } catch let error as RPCError where error.code == .unreachable && clock.now < deadline {
                await transport.close()
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// `bytes` re-serialized with sorted keys, or `nil` when it is not JSON.
    static func canonical(_ bytes: [UInt8]) -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
