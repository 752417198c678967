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
    /// the last length-prefixed message.
    private let pending: Mutex<ByteBuffer?>

    init(remotePeer: PeerID, remoteAddress: Multiaddr, protocolID: String, muxed: YamuxStream, leftover: ByteBuffer?) {
        self.remotePeer = remotePeer
        self.remoteAddress = remoteAddress
        self.protocolID = protocolID
        self.muxed = muxed
        self.pending = Mutex(leftover.flatMap { $0.readableBytes > 0 ? $0 : nil })
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
        pending.withLock { pending in
            defer { pending = nil }
            return pending
        }
    }

    /// Puts `buffer` back in front of what the next read returns.
    func unread(_ buffer: ByteBuffer) {
        guard buffer.readableBytes > 0 else { return }
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
