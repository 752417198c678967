import Foundation
import MeshTestKit
import Testing

/// Clients we did not write, against a running `lotus-miner`: Python's `h2` and `httpx`.
@Suite("Third-party HTTP/2 clients", .serialized)
struct InteropClientTests {
    static let interopDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Interop")

    static func node() async throws -> NodeProcess {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString.prefix(6))").path
        return try await NodeProcess.start(repo: dir + "/miner")
    }

    @Test("python h2: 100 concurrent calls multiplexed on one connection")
    func pythonH2() async throws {
        let node = try await Self.node()
        defer { node.kill() }
        let out = try await Tools.run(
            "/usr/bin/env", ["python3", Self.interopDir.appendingPathComponent("h2_concurrent.py").path, "127.0.0.1", "\(node.port)", node.adminToken, "100"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("ok 100 streams on 1 connection"), "\(out)")
        await node.terminate()
    }

    @Test("python httpx[http2]: 100 concurrent calls with prior knowledge")
    func pythonHTTPX() async throws {
        let node = try await Self.node()
        defer { node.kill() }
        let out = try await Tools.run("/usr/bin/env", ["python3", Self.interopDir.appendingPathComponent("httpx_http2.py").path, node.url, node.adminToken])
        #expect(out.status == 0, "\(out)")
        await node.terminate()
    }
}
