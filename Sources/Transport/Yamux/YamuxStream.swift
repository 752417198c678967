import NIOCore
import Synchronization

/// One yamux stream: an ordered, flow-controlled byte stream inside a ``YamuxSession``. Safe to
/// use from any task; every call hops to the connection's event loop. One task reading while
/// another writes is the normal way to use it.
///
/// Releasing the last reference to a stream that is still open resets it (or, when its write
/// side is already closed, stops reading it), so a forgotten stream does not hold a slot.
public final class YamuxStream: Sendable, CustomStringConvertible {
    /// The stream ID: odd for streams the client opened, even for the server's.
    public let id: UInt32
    /// Whether the peer opened this stream.
    public let isInbound: Bool

    let eventLoop: any EventLoop
    let session: NIOLoopBound<YamuxSessionHandler>
    let state: NIOLoopBound<YamuxStreamState>
    /// Set on the loop once the session has nothing left to do for this stream.
    private let finished = Atomic<Bool>(false)

    init(state: YamuxStreamState, session: NIOLoopBound<YamuxSessionHandler>, eventLoop: any EventLoop) {
        self.id = state.id
        self.isInbound = state.isInbound
        self.eventLoop = eventLoop
        self.session = session
        self.state = NIOLoopBound(state, eventLoop: eventLoop)
    }

    deinit {
        guard !finished.load(ordering: .relaxed) else { return }
        let session = self.session
        let state = self.state
        eventLoop.execute { session.value.abandon(state.value) }
    }

    func markFinished() {
        finished.store(true, ordering: .relaxed)
    }

    public var description: String { "yamux stream \(id)" }

    /// The next bytes the peer sent, as they arrived (one buffer may be any size up to the
    /// window). Reading also acknowledges a stream the peer opened and returns window to it.
    ///
    /// - Returns: `nil` once the peer closed its side (FIN) and everything before it was read.
    /// - Throws: ``YamuxError`` of kind `.streamReset` after a reset (buffered bytes are
    ///   dropped), `.streamClosed` after ``close()``, `.sessionClosed` (or the session's failure)
    ///   when the connection ended before the peer's FIN; `CancellationError` when the task is
    ///   cancelled.
    public func read() async throws -> ByteBuffer? {
        let session = self.session
        let state = self.state
        return try await YamuxWaiter.suspend(on: eventLoop) { waiter, continuation in
            session.value.read(state.value, waiter, continuation)
        } withdraw: { waiter in
            session.value.withdrawRead(state.value, waiter)
        }
    }

    /// Sends `buffer`, split into frames that fit the peer's window; suspends while the window
    /// is used up or the connection is not writable, and returns once every byte is handed to
    /// the connection. Writes from several tasks go out in the order they were called.
    ///
    /// - Throws: ``YamuxError`` `.streamClosed` after ``closeWrite()``, `.streamReset` when the
    ///   stream was reset, `.sessionClosed` when the session ended. Cancelling a write that has
    ///   sent part of its bytes resets the stream.
    public func write(_ buffer: ByteBuffer) async throws {
        try await send(buffer, fin: false)
    }

    /// Half-closes the stream: sends FIN after any pending writes. Reading still works until
    /// the peer closes its side. Calling it again does nothing.
    ///
    /// - Throws: ``YamuxError`` `.streamReset` or `.sessionClosed` when the FIN cannot be sent.
    public func closeWrite() async throws {
        try await send(ByteBuffer(), fin: true)
    }

    /// Closes both directions: FIN after pending writes, and bytes still to come are discarded
    /// (their window is returned so the peer can finish). Never throws; a stream that is already
    /// reset or whose session ended is simply left as it is.
    public func close() async {
        let session = self.session
        let state = self.state
        eventLoop.execute { session.value.closeRead(state.value) }
        try? await closeWrite()
    }

    /// Resets the stream (RST): both directions end at once and pending reads and writes fail.
    /// - Parameter code: an error code for the peer (go-yamux reads it from the RST frame).
    public func reset(code: UInt32 = 0) async {
        let session = self.session
        let state = self.state
        try? await eventLoop.submit { session.value.reset(state.value, code: code) }.get()
    }

    private func send(_ buffer: ByteBuffer, fin: Bool) async throws {
        let session = self.session
        let state = self.state
        try await YamuxWaiter.suspend(on: eventLoop) { (waiter, continuation: CheckedContinuation<Void, any Error>) in
            session.value.write(state.value, buffer, fin: fin, waiter, continuation)
        } withdraw: { waiter in
            session.value.withdrawWrite(state.value, waiter)
        }
    }
}
