import Crypto
import Foundation

/// A libp2p Ed25519 private key: signs, and gives the ``publicKey`` that names the peer.
///
/// Marshaled form (libp2p/specs `peer-ids/peer-ids.md`): the protobuf `PrivateKey { Type = Ed25519; Data =
/// seed(32) || public key(32) }`, `08 01 12 40 …`. The legacy 96-byte data (seed || public || public) is
/// accepted when both copies of the public key agree.
public struct Libp2pPrivateKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// A new random key.
    public static func generate() -> Libp2pPrivateKey {
        Libp2pPrivateKey(key: Curve25519.Signing.PrivateKey())
    }

    private init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
    }

    /// The key whose RFC 8032 seed (private scalar source) is `seed`.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` unless `seed` is 32 bytes.
    public init(seed: some Collection<UInt8>) throws(MultiformatsError) {
        let bytes = Array(seed)
        guard bytes.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes) else {
            throw MultiformatsError(.invalidValue, "libp2p private key: an Ed25519 seed is 32 bytes, got \(bytes.count)")
        }
        self.key = key
    }

    /// Parses the marshaled protobuf form (64-byte seed || public key, or the legacy 96-byte form).
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/unsupported`` for key types other than
    ///   Ed25519, ``MultiformatsError/Kind/invalidValue`` for another data length or a public key that does
    ///   not belong to the seed.
    public init(marshaled bytes: some Collection<UInt8>) throws(MultiformatsError) {
        let data = try Libp2pKeyType.unmarshalEd25519(bytes, "libp2p private key")
        guard data.count == 64 || data.count == 96 else {
            throw MultiformatsError(
                .invalidValue,
                "libp2p private key: Ed25519 data must be 64 bytes (seed || public key), or 96 in the legacy form; "
                    + "got \(data.count)")
        }
        if data.count == 96 && data[32..<64] != data[64..<96] {
            throw MultiformatsError(
                .invalidValue, "libp2p private key: the two public keys in the legacy 96-byte form differ")
        }
        try self.init(seed: data[0..<32])
        guard publicKey.rawRepresentation[...] == data[32..<64] else {
            throw MultiformatsError(
                .invalidValue, "libp2p private key: the public key stored with the seed is not the seed's public key")
        }
    }

    /// The 32-byte seed.
    public var seed: [UInt8] {
        Array(key.rawRepresentation)
    }

    /// The marshaled protobuf form, `08 01 12 40 <seed> <public key>`.
    public var marshaled: [UInt8] {
        Libp2pKeyType.marshalEd25519(seed + publicKey.rawRepresentation)
    }

    /// The matching public key.
    public var publicKey: Libp2pPublicKey {
        Libp2pPublicKey(key.publicKey)
    }

    /// The peer ID of the matching public key.
    public var peerID: PeerID {
        publicKey.peerID
    }

    /// The 64-byte Ed25519 signature of `data`.
    public func sign(_ data: some Collection<UInt8>) throws -> [UInt8] {
        Array(try key.signature(for: Array(data)))
    }
}
