import Multiformats

/// The authenticated peer at the end of a libp2p Noise handshake.
public struct NoiseHandshakeResult: Sendable {
    /// The peer's ID, derived from ``remotePublicKey``.
    public var remotePeerID: PeerID
    /// The peer's libp2p identity key, which signed its Noise static key.
    public var remotePublicKey: Libp2pPublicKey
    /// The peer's Noise static X25519 public key.
    public var remoteStaticKey: [UInt8]
    /// The extensions the peer advertised, if any.
    public var remoteExtensions: NoiseExtensions?
    /// The final handshake hash, equal on both sides (usable for channel binding).
    public var handshakeHash: [UInt8]
}

/// A completed handshake: the authenticated peer and the transport ciphers.
public struct NoiseSession: Sendable {
    /// Who the peer is.
    public var result: NoiseHandshakeResult
    /// Encrypts what we send.
    public var send: NoiseCipherState
    /// Decrypts what the peer sends.
    public var receive: NoiseCipherState
}
