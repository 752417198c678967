import Multiformats
import NIOCore
import Synchronization
import Yamux

/// One application stream to a peer: a yamux stream on which multistream-select has agreed on
/// ``protocolID``. Handlers registered with ``Libp2pHost/setStreamHandler(_:handler:)`` receive these, and
/// ``Libp2pHost/newStream(to:protocols:)`` returns one.
///
/// One task reads and one task writes at a time (reads from two tasks at once interleave unpredictably).
/// Flow control is the muxer's: ``write(_:)`` suspends while the peer's receive window is full, so a peer that
/// stops reading stalls the writer instead of growing a buffer.
public final class Libp2pStream: Sendable {
    /// The peer at the other end.
    public let remotePeer: PeerID
    /// The remote end of the connection the stream runs on (`/ip4|ip6/…/tcp/N`).
    public let remoteAddress: Multiaddr
    /// The protocol multistream-select agreed on, such as `/ipfs/ping/1.0.0`.
    public let protocolID: String
    /// The muxed stream underneath.
    let muxed: YamuxStream
    /// Bytes already read from the muxer but not yet returned: what followed the negotiation, or what followed
    /// the last length-prefixed message. They stay charged to ``budget`` until returned, as if still queued in
    /// the muxer, so a peer cannot park unread bytes here past the connection's limit.
    private let pending = Mutex<ByteBuffer?>(nil)
    /// The connection's receive budget (the yamux session's, inside the host's).
    private let budget: YamuxReceiveBudget

    init(remotePeer: PeerID, remoteAddress: Multiaddr, protocolID: String, muxed: YamuxStream, budget: YamuxReceiveBudget) {
        self.remotePeer = remotePeer
        self.remoteAddress = remoteAddress
        self.protocolID = protocolID
        self.muxed = muxed
        self.budget = budget
    }

    deinit {
        budget.release(pending.withLock { $0?.readableBytes ?? 0 })
    }

    /// The next bytes from the peer, or nil once the peer has closed its side (FIN).
    /// - Throws: when the stream was reset or the connection closed.
    public func read() async throws -> ByteBuffer? {
        if let buffered = takePending() { return buffered }
        return try await muxed.read()
    }

    /// Sends `buffer`; returns when the muxer has taken all of it (suspending while the peer's window is full).
    public func write(_ buffer: ByteBuffer) async throws {
        try await muxed.write(buffer)
    }

    /// Closes our side (FIN): the peer reads end of stream; we can still read what it sends.
    public func closeWrite() async throws {
        try await muxed.closeWrite()
    }

    /// Aborts the stream in both directions (RST); pending reads and writes fail. Returns at once; the reset
    /// happens on the connection's event loop right after (so it can be called from any context, such as a
    /// `catch` block or a timer).
    public func reset() {
        let muxed = self.muxed
        Task { await muxed.reset() }
    }

    /// Closes both directions: FIN after pending writes; whatever the peer still sends is discarded.
    public func close() async {
        await muxed.close()
    }

    private func takePending() -> ByteBuffer? {
        let taken = pending.withLock { pending in
            defer { pending = nil }
            return pending
        }
        budget.release(taken?.readableBytes ?? 0)
        return taken
    }

    /// Puts `buffer` back in front of what the next read returns, charged to the receive budget.
    /// - Throws: ``Libp2pHostError`` `.limitReached` when the budget is full; the stream is reset then.
    func unread(_ buffer: ByteBuffer) throws {
        guard buffer.readableBytes > 0 else { return }
        if let full = budget.charge(buffer.readableBytes) {
            reset()
            throw Libp2pHostError(
                .limitReached,
                "the \(protocolID) stream from \(remotePeer) was reset: \(buffer.readableBytes) bytes read ahead would take the "
                    + "receive budget over its \(full.limit) bytes (\(full.usedBytes) held); its handler is not reading fast enough")
        }
        pending.withLock { pending in
            if var existing = pending {
                var merged = buffer
                merged.writeBuffer(&existing)
                pending = merged
            } else {
                pending = buffer
            }
        }
    }
}
