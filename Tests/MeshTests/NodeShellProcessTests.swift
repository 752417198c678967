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
        guard let fd = RawSocket.connect(port: port) else { throw ProcessFailure("cannot connect to 127.0.0.1:\(port)") }
        _ = RawSocket.send(fd, "POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\":")
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

    @Test("one SIGTERM with a call that never finishes and clients that never speak: the drain gives up after [API] Timeout, the node exits on its own, and its repo opens again at once")
    func drainIsBounded() async throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("shell-drain-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let node = try await NodeProcess.start(repo: repo, config: "  Timeout = \"1s\"\n")
        defer { node.kill() }
        let held = try Self.holdARequestOpen(port: node.port)
        // Clients that hold connections and never finish a request head: silent ones, a half-sent head, an HTTP/2
        // preface with nothing after it.
        var idle: [Int32] = [held]
        defer { for fd in idle { close(fd) } }
        for index in 0..<50 {
            guard let fd = RawSocket.connect(port: node.port) else { continue }
            if index == 0 { _ = RawSocket.send(fd, "GET /rpc/v0 HTTP/1.1\r\nHost: x\r\nUpgr") }
            if index == 1 { _ = RawSocket.send(fd, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") }
            idle.append(fd)
        }
        try await Task.sleep(for: .milliseconds(200))

        kill(node.pid, SIGTERM)
        // waitForExit allows 10 s before it kills: a drain bounded by the 1 s Timeout ends well before that.
        let status = await node.waitForExit()
        #expect(status == 0, "the node exits by itself after the drain times out, not killed: \(status)\n\(node.log.suffix(1500))")
        #expect(!FileManager.default.fileExists(atPath: repo + "/api"))
        // The repo lock went with the process: the same repo serves again right away.
        let again = try await NodeProcess.start(repo: repo, config: "  Timeout = \"1s\"\n")
        defer { again.kill() }
        #expect(FileManager.default.fileExists(atPath: repo + "/api"))
        kill(again.pid, SIGTERM)
        #expect(await again.waitForExit() == 0)
    }
}
