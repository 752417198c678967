import NIOCore

/// The result of a negotiation over a ``MultistreamTransport``.
public struct MultistreamNegotiation: Sendable {
    /// The protocol both sides agreed on.
    public var protocolID: String
    /// Bytes read from the transport after the last negotiation message: the start of the
    /// protocol's data, which the caller must consume before reading the transport again.
    public var remainder: ByteBuffer

    /// Creates a result.
    public init(protocolID: String, remainder: ByteBuffer) {
        self.protocolID = protocolID
        self.remainder = remainder
    }
}
