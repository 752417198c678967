#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import Synchronization
import TestScheduling
import Testing
import Yamux

/// Test configuration: no keep-alive pings, so the frames on the wire are only the test's own.
func quietConfiguration(_ change: (inout YamuxConfiguration) -> Void = { _ in }) -> YamuxConfiguration {
    var configuration = YamuxConfiguration(keepAliveInterval: nil, pingTimeout: TestTime.scaled(.seconds(10)))
    change(&configuration)
    return configuration
}

struct TestTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out: \(what)" }
}

/// Runs `body`, failing with ``TestTimeout`` if it takes longer than `limit` (``TestTime/scaled(_:)``). The body is
/// cancelled then but not awaited, so a body that ignores cancellation cannot hang the test.
func within<T: Sendable>(
    _ limit: Duration = .seconds(30), _ what: String = "operation", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let pending = Locked<CheckedContinuation<T, any Error>?>(nil)
    let finish: @Sendable (Result<T, any Error>) -> Bool = { result in
        guard let continuation = pending.withLock({ slot -> CheckedContinuation<T, any Error>? in
            defer { slot = nil }
            return slot
        }) else { return false }
        continuation.resume(with: result)
        return true
    }
    return try await withCheckedThrowingContinuation { continuation in
        pending.withLock { $0 = continuation }
        let work = Task {
            do { _ = finish(.success(try await body())) } catch { _ = finish(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: TestTime.scaled(limit))
            if finish(.failure(TestTimeout(what: what))) { work.cancel() }
        }
    }
}

/// Polls `condition` until it holds (checking every few milliseconds), failing after `limit` (``TestTime/scaled(_:)``).
func eventually(
    _ what: String, limit: Duration = .seconds(20), _ condition: @escaping @Sendable () async throws -> Bool
) async throws {
    guard try await TestTime.poll(within: limit, every: .milliseconds(5), condition) else { throw TestTimeout(what: what) }
}

/// Streams the peer opened, in arrival order.
final class Inbox: Sendable {
    let streams: AsyncStream<YamuxStream>
    private let continuation: AsyncStream<YamuxStream>.Continuation

    init() {
        (streams, continuation) = AsyncStream.makeStream(of: YamuxStream.self)
    }

    var handler: @Sendable (YamuxStream) -> Void {
        { [continuation] stream in continuation.yield(stream) }
    }

    /// The next stream the peer opens.
    func next() async throws -> YamuxStream {
        try await within(.seconds(20), "an inbound stream") { [streams] in
            var iterator = streams.makeAsyncIterator()
            guard let stream = await iterator.next() else { throw TestTimeout(what: "inbox finished") }
            return stream
        }
    }
}

/// A yamux client and server session over a real loopback TCP connection.
struct SessionPair: Sendable {
    let client: YamuxSession
    let server: YamuxSession
    let serverChannel: any Channel

    /// Listens on 127.0.0.1 port 0, connects, installs a session on each end.
    static func connect(
        client clientConfiguration: YamuxConfiguration = quietConfiguration(),
        server serverConfiguration: YamuxConfiguration = quietConfiguration(),
        serverBudget: YamuxReceiveBudget? = nil,
        clientInbound: @escaping @Sendable (YamuxStream) -> Void = { _ in },
        serverInbound: @escaping @Sendable (YamuxStream) -> Void
    ) async throws -> SessionPair {
        let group = MultiThreadedEventLoopGroup.singleton
        let (accepted, acceptedContinuation) = AsyncStream.makeStream(of: YamuxSession.self)
        let serverChannel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let session = try YamuxSession.installSync(
                        on: channel, role: .server, configuration: serverConfiguration, sharedBudget: serverBudget,
                        inboundStreamHandler: serverInbound)
                    acceptedContinuation.yield(session)
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = serverChannel.localAddress!.port!
        let (dialled, dialledContinuation) = AsyncStream.makeStream(of: YamuxSession.self)
        _ = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let session = try YamuxSession.installSync(
                        on: channel, role: .client, configuration: clientConfiguration, inboundStreamHandler: clientInbound)
                    dialledContinuation.yield(session)
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        var clients = dialled.makeAsyncIterator()
        var servers = accepted.makeAsyncIterator()
        guard let client = await clients.next(), let server = await servers.next() else {
            throw TestTimeout(what: "sessions")
        }
        return SessionPair(client: client, server: server, serverChannel: serverChannel)
    }

    /// Closes both sessions and the listening socket.
    func shutdown() async {
        await client.close()
        await server.close()
        try? await serverChannel.close()
    }
}

/// Runs `body` with a connected pair and shuts it down afterwards, even when `body` throws.
func withSessionPair<T: Sendable>(
    client: YamuxConfiguration = quietConfiguration(),
    server: YamuxConfiguration = quietConfiguration(),
    serverBudget: YamuxReceiveBudget? = nil,
    clientInbound: @escaping @Sendable (YamuxStream) -> Void = { _ in },
    serverInbound: @escaping @Sendable (YamuxStream) -> Void,
    _ body: (SessionPair) async throws -> T
) async throws -> T {
    let pair = try await SessionPair.connect(
        client: client, server: server, serverBudget: serverBudget, clientInbound: clientInbound, serverInbound: serverInbound)
    do {
        let result = try await body(pair)
        await pair.shutdown()
        return result
    } catch {
        await pair.shutdown()
        throw error
    }
}

/// A deterministic byte pattern: byte `i` of stream `seed` is `(i + seed * 7) % 251`. A period
/// of 251 (prime) makes shifted, dropped or duplicated chunks show up.
enum Pattern {
    static let period = 251
    /// One period plus room for the largest chunk compared at once.
    static let table: [UInt8] = (0..<(period + 1 << 20)).map { UInt8($0 % period) }

    /// `count` pattern bytes starting at `offset`.
    static func bytes(seed: Int, offset: Int, count: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        var position = offset
        var left = count
        while left > 0 {
            let start = (position + seed * 7) % period
            let size = min(left, 1 << 20)
            buffer.writeBytes(table[start..<(start + size)])
            position += size
            left -= size
        }
        return buffer
    }

    /// Whether `chunk` holds the pattern bytes starting at `offset`.
    static func matches(_ chunk: ByteBuffer, seed: Int, offset: Int) -> Bool {
        chunk.withUnsafeReadableBytes { received in
            table.withUnsafeBytes { expected in
                var done = 0
                while done < received.count {
                    let start = (offset + done + seed * 7) % period
                    let size = min(received.count - done, 1 << 20)
                    guard memcmp(received.baseAddress! + done, expected.baseAddress! + start, size) == 0 else { return false }
                    done += size
                }
                return true
            }
        }
    }
}

extension YamuxStream {
    /// Reads until the peer's FIN, checking each chunk against ``Pattern``.
    /// - Returns: how many bytes arrived, and whether every one matched.
    func drainPattern(seed: Int) async throws -> (count: Int, intact: Bool) {
        var count = 0
        var intact = true
        while let chunk = try await read() {
            if intact, !Pattern.matches(chunk, seed: seed, offset: count) { intact = false }
            count += chunk.readableBytes
        }
        return (count, intact)
    }

    /// Writes `total` pattern bytes in chunks of `chunk`.
    func writePattern(seed: Int, total: Int, chunk: Int = 256 * 1024) async throws {
        var offset = 0
        while offset < total {
            let size = min(chunk, total - offset)
            try await write(Pattern.bytes(seed: seed, offset: offset, count: size))
            offset += size
        }
    }

    /// Everything up to the peer's FIN, as one buffer.
    func readToEnd() async throws -> ByteBuffer {
        var all = ByteBuffer()
        while var chunk = try await read() { all.writeBuffer(&chunk) }
        return all
    }
}

/// A value shared between test tasks and session callbacks.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }

    var value: Value { mutex.withLock { $0 } }
}
