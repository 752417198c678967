import Multiformats

/// The libp2p `NoiseHandshakePayload` protobuf carried (encrypted) in handshake messages 2 and 3:
/// `identity_key = 1`, `identity_sig = 2`, `extensions = 4`. Unknown fields are skipped.
public struct NoiseHandshakePayload: Sendable, Equatable {
    /// A serialized libp2p `PublicKey` protobuf.
    public var identityKey: [UInt8]
    /// The identity key's signature over `"noise-libp2p-static-key:" || static X25519 public key`.
    public var identitySignature: [UInt8]
    /// Optional extensions.
    public var extensions: NoiseExtensions?

    /// A payload with the given fields.
    public init(identityKey: [UInt8], identitySignature: [UInt8], extensions: NoiseExtensions? = nil) {
        self.identityKey = identityKey
        self.identitySignature = identitySignature
        self.extensions = extensions
    }
}

/// The libp2p `NoiseExtensions` protobuf: `repeated bytes webtransport_certhashes = 1;
/// repeated string stream_muxers = 2;`. Unknown fields are skipped.
public struct NoiseExtensions: Sendable, Equatable {
    /// WebTransport certificate hashes (multihashes).
    public var webtransportCerthashes: [[UInt8]]
    /// Stream muxer protocol IDs in order of preference, e.g. `/yamux/1.0.0`.
    public var streamMuxers: [String]

    /// Extensions with the given fields.
    public init(webtransportCerthashes: [[UInt8]] = [], streamMuxers: [String] = []) {
        self.webtransportCerthashes = webtransportCerthashes
        self.streamMuxers = streamMuxers
    }
}
