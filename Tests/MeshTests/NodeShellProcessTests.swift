import Foundation
import MeshTestKit
import TestScheduling
import Testing

/// What only a process shows of the node shell: signals.
@Suite("Node shell processes", .serialized, .timingSensitive)
struct NodeShellProcessTests {
    /// Opens a loopback connection to `port` and sends the start of a request whose body never completes, so the
    /// node has a call in flight that its drain waits for.
    static func holdARequestOpen(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            throw ProcessFailure("cannot connect to 127.0.0.1:\(port)")
        }
        let head = "POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\":"
        _ = head.withCString { send(fd, $0, strlen($0), 0) }
        return fd
    }

    @Test("SIGTERM drains while a call is in flight; a second SIGTERM exits at once and removes the api file")
    func secondSignalExitsAtOnce() async throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("shell-signals-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let node = try await NodeProcess.start(repo: repo)
        defer { node.kill() }
        let held = try Self.holdARequestOpen(port: node.port)
        defer { close(held) }
        try await Task.sleep(for: .milliseconds(200))

        kill(node.pid, SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(node.isRunning, "the first signal drains, and the drain waits for the call in flight ([API] Timeout)")
        kill(node.pid, SIGTERM)
        let status = await node.waitForExit()
        #expect(status == 128 + SIGTERM, "the second signal exits at once: \(node.log)")
        #expect(!FileManager.default.fileExists(atPath: repo + "/api"))
        #expect(node.log.contains("exiting without draining"))
    }

    @Test("one SIGTERM with a call that never finishes: the drain gives up after [API] Timeout and the node exits on its own")
    func drainIsBounded() async throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("shell-drain-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let node = try await NodeProcess.start(repo: repo, config: "  Timeout = \"1s\"\n")
        defer { node.kill() }
        let held = try Self.holdARequestOpen(port: node.port)
        defer { close(held) }
        try await Task.sleep(for: .milliseconds(200))

        kill(node.pid, SIGTERM)
        // waitForExit allows 10 s before it kills: a drain bounded by the 1 s Timeout ends well before that.
        let status = await node.waitForExit()
        #expect(status == 0, "the node exits by itself after the drain times out, not killed: \(status)\n\(node.log.suffix(1500))")
        #expect(!FileManager.default.fileExists(atPath: repo + "/api"))
    }
}
