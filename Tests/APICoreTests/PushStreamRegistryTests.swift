import APICore
import JSONRPC
import Testing

/// The pairing of a call with the byte stream pushed beside it (`/rpc/streams/v0/push/<uuid>`): call and push arrive
/// on different HTTP/2 streams, handled by different tasks, in either order and at the same moment.
@Suite("Push streams: a call and its push meet once, in any order")
struct PushStreamRegistryTests {
    /// A body of one chunk.
    static func body(_ bytes: [UInt8]) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(bytes)
            continuation.finish()
        }
    }

    static func read(_ stream: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in stream { bytes += chunk }
        return bytes
    }

    // A split node's every deal hand-off is such a pair. The call used to decide in two steps, so a push arriving
    // between them resumed the call's continuation a second time: the mining node crashed (CI, two-hosts runbook).
    @Test("thousands of calls and pushes started together: each call reads its own bytes, each push is answered once")
    func callAndPushRace() async throws {
        let registry = PushStreamRegistry()
        let pairs = 4000
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<pairs {
                let id = "push-\(n)"
                let bytes = [UInt8(truncatingIfNeeded: n), UInt8(truncatingIfNeeded: n >> 8)]
                group.addTask {
                    let stream = try await registry.stream(for: id)
                    #expect(try await Self.read(stream) == bytes)
                    registry.release([id])
                }
                group.addTask { await registry.deliver(id: id, body: Self.body(bytes)) }
            }
            try await group.waitForAll()
        }
    }

    // The timer and the push can also take a waiting call at the same moment; one of them wins.
    @Test("a push racing the call's timeout: the call gets the bytes or the timeout error, never both")
    func pushRacesTheTimeout() async throws {
        let registry = PushStreamRegistry(timeout: .microseconds(200))
        var delivered = 0
        var expired = 0
        for n in 0..<300 {
            let id = "late-\(n)"
            async let push: Void = registry.deliver(id: id, body: Self.body([1, 2, 3]))
            do {
                let stream = try await registry.stream(for: id)
                #expect(try await Self.read(stream) == [1, 2, 3])
                delivered += 1
            } catch let error as RPCError {
                #expect(error.message.contains("no data was pushed"))
                expired += 1
            }
            registry.release([id])
            await push
        }
        #expect(delivered + expired == 300)
    }

    @Test("a second push for an id is answered at once and unread; a second call for an id is refused")
    func duplicates() async throws {
        let registry = PushStreamRegistry()
        async let first: Void = registry.deliver(id: "dup", body: Self.body([7]))
        let stream = try await registry.stream(for: "dup")
        // The second push returns though nothing reads it, and the first push's bytes are the call's.
        await registry.deliver(id: "dup", body: Self.body([8]))
        #expect(try await Self.read(stream) == [7])
        await #expect(throws: RPCError.self) { _ = try await registry.stream(for: "dup") }
        registry.release(["dup"])
        await first
    }
}
