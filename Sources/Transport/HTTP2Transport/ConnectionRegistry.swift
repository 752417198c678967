import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// The server's open connections, so graceful shutdown can ask each to finish and, after the grace
/// period, close whatever is left.
final class ConnectionRegistry: Sendable {
    /// What a connection speaks, which decides how it is asked to wind down.
    enum Kind: Sendable {
        /// Not yet negotiated: closed right away at shutdown.
        case pending
        /// HTTP/1.1 or HTTP/2: gets `ChannelShouldQuiesceEvent` (finish in-flight requests, then close;
        /// HTTP/2 sends GOAWAY first).
        case http
        /// A websocket: closed with status 1001 (going away).
        case websocket
    }

    private struct Entry {
        var channel: any Channel
        var kind: Kind
        /// Requests being served (HTTP/1.1 at most one; HTTP/2 one per stream).
        var active = 0
        /// Sweeps seen idle since shutdown began.
        var idleSweeps = 0
        /// When it was accepted.
        var opened: ContinuousClock.Instant
        /// Whether a request head has arrived on it.
        var served = false
        /// When its last request ended (`nil` while one is in flight or before the first).
        var idleSince: ContinuousClock.Instant?
        /// Whether it has been asked to wind down. Once only: NIO's HTTP/1.1 pipeline asserts on a second
        /// `ChannelShouldQuiesceEvent`, and shutdown can begin twice (graceful shutdown, then cancellation).
        var quiesced = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var quiescing = false
        var emptyWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The most connections open at once (`[API] MaxConnections`).
    let maxConnections: Int
    let logger: Logger

    init(maxConnections: Int = .max, logger: Logger = Logger(label: "api.connections")) {
        self.maxConnections = max(maxConnections, 1)
        self.logger = logger
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Registers a new connection; it removes itself when it closes. Past ``maxConnections`` it is closed at once.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let (lateArrival, full) = state.withLock { state -> (Bool, Bool) in
            guard state.entries.count < maxConnections else { return (false, true) }
            state.entries[id] = Entry(channel: channel, kind: .pending, opened: .now)
            return (state.quiescing, false)
        }
        if full {
            logger.warning("refusing an API connection: \(maxConnections) are open ([API] MaxConnections)")
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { _ in self.remove(id) }
        if lateArrival { channel.close(promise: nil) }
    }

    /// Closes connections that have not sent a request head within `readHeaderTimeout` of being accepted, and
    /// HTTP connections idle (nothing in flight) for `idleTimeout` after their last request. Websockets are left
    /// to their own bounds (calls per connection; closing cancels them).
    func closeStale(readHeaderTimeout: Duration, idleTimeout: Duration, now: ContinuousClock.Instant = .now) {
        let stale = state.withLock { state -> [any Channel] in
            state.entries.values.compactMap { entry in
                guard entry.kind != .websocket, entry.active == 0 else { return nil }
                if !entry.served { return now - entry.opened > readHeaderTimeout ? entry.channel : nil }
                guard let idleSince = entry.idleSince else { return nil }
                return now - idleSince > idleTimeout ? entry.channel : nil
            }
        }
        if !stale.isEmpty { logger.debug("closing slow or idle API connections", metadata: ["count": "\(stale.count)"]) }
        for channel in stale { channel.close(promise: nil) }
    }

    /// Records what `channel` turned out to speak; quiesces it at once if shutdown already began.
    func update(_ channel: any Channel, kind: Kind) {
        let quiesceNow = state.withLock { state -> Bool in
            let id = ObjectIdentifier(channel)
            guard var entry = state.entries[id] else { return false }
            entry.kind = kind
            let quiesceNow = state.quiescing && !entry.quiesced
            if quiesceNow { entry.quiesced = true }
            state.entries[id] = entry
            return quiesceNow
        }
        if quiesceNow { Self.quiesce(channel, kind: kind) }
    }

    private func remove(_ id: ObjectIdentifier) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.removeValue(forKey: id)
            guard state.entries.isEmpty else { return [] }
            defer { state.emptyWaiters.removeAll() }
            return Array(state.emptyWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Counts a request starting (`delta` 1) or ending (-1) on `connection`.
    func track(_ connection: any Channel, _ delta: Int) {
        state.withLock { state in
            let id = ObjectIdentifier(connection)
            guard var entry = state.entries[id] else { return }
            entry.active += delta
            entry.idleSweeps = 0
            if delta > 0 { entry.served = true }
            entry.idleSince = entry.active == 0 ? .now : nil
            state.entries[id] = entry
        }
    }

    /// After shutdown began: closes HTTP connections that had no request in flight at this and the
    /// previous sweep. Backs up NIO's own accounting, which can keep an HTTP/2 connection open for the
    /// whole grace period when a stream raced the GOAWAY and was refused.
    func sweepIdle() {
        let idle = state.withLock { state -> [any Channel] in
            guard state.quiescing else { return [] }
            var idle: [any Channel] = []
            for (id, entry) in state.entries where entry.kind == .http {
                if entry.active > 0 {
                    state.entries[id]?.idleSweeps = 0
                } else {
                    state.entries[id]?.idleSweeps += 1
                    if entry.idleSweeps + 1 >= 2 { idle.append(entry.channel) }
                }
            }
            return idle
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Asks every connection to finish its in-flight work and close; each is asked once, however often this is called.
    func quiesceAll() {
        let entries = state.withLock { state -> [Entry] in
            state.quiescing = true
            var asked: [Entry] = []
            for (id, entry) in state.entries where !entry.quiesced {
                state.entries[id]?.quiesced = true
                asked.append(entry)
            }
            return asked
        }
        for entry in entries { Self.quiesce(entry.channel, kind: entry.kind) }
    }

    private static func quiesce(_ channel: any Channel, kind: Kind) {
        switch kind {
        case .pending:
            channel.close(promise: nil)
        case .http:
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        case .websocket:
            var data = ByteBuffer()
            data.writeInteger(UInt16(1001))
            let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: data)
            channel.writeAndFlush(frame).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Closes every connection now.
    func closeAll() {
        let channels = state.withLock { state in state.entries.values.map(\.channel) }
        for channel in channels { channel.close(promise: nil) }
    }

    /// Returns once no connection is open, or when the task is cancelled.
    func waitUntilEmpty() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.entries.isEmpty || Task.isCancelled { return true }
                    state.emptyWaiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.emptyWaiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
