import Crypto
import Multiformats

/// What this side brings to libp2p Noise handshakes.
public struct NoiseConfiguration: Sendable {
    /// The libp2p identity key (Ed25519) whose peer ID the remote side will see.
    public var identity: Libp2pPrivateKey
    /// The Noise static X25519 key, authenticated by a signature from ``identity``. The spec allows a
    /// new one per connection or one per host; it should never be stored on disk.
    public var staticKey: Curve25519.KeyAgreement.PrivateKey
    /// Extensions to advertise (stream muxers, WebTransport cert hashes); `nil` sends none.
    public var extensions: NoiseExtensions?

    /// A configuration for `identity`, with a fresh static key unless one is given.
    public init(
        identity: Libp2pPrivateKey, staticKey: Curve25519.KeyAgreement.PrivateKey = .init(), extensions: NoiseExtensions? = nil
    ) {
        self.identity = identity
        self.staticKey = staticKey
        self.extensions = extensions
    }
}
