import NIOCore

/// A duplex byte stream that multistream-select can negotiate over: a yamux stream, a test pipe, ...
///
/// Reads return the next bytes in order, as much as is available (any chunking), and `nil` once the
/// peer has finished sending. Writes are sent in order.
public protocol MultistreamTransport: Sendable {
    /// The next bytes from the peer, or `nil` at the end of the stream.
    func read() async throws -> ByteBuffer?
    /// Sends `buffer` to the peer.
    func write(_ buffer: ByteBuffer) async throws
}
