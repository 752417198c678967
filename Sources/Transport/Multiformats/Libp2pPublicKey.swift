import Crypto
import Foundation

/// A libp2p Ed25519 public key: verifies signatures and names a peer (``peerID``).
///
/// Marshaled form (libp2p/specs `peer-ids/peer-ids.md`): the protobuf `PublicKey { Type = Ed25519; Data =
/// <32-byte key> }`, always 36 bytes `08 01 12 20 <key>`.
public struct Libp2pPublicKey: Hashable, Sendable {
    /// The 32-byte Ed25519 public key.
    public let rawRepresentation: [UInt8]
    private let key: Curve25519.Signing.PublicKey

    /// Wraps a 32-byte Ed25519 public key.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` for another length.
    public init(ed25519 raw: some Collection<UInt8>) throws(MultiformatsError) {
        let bytes = Array(raw)
        guard bytes.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else {
            throw MultiformatsError(.invalidValue, "libp2p public key: Ed25519 keys are 32 bytes, got \(bytes.count)")
        }
        rawRepresentation = bytes
        self.key = key
    }

    init(_ key: Curve25519.Signing.PublicKey) {
        self.key = key
        rawRepresentation = Array(key.rawRepresentation)
    }

    /// Parses the marshaled protobuf form.
    ///
    /// - Throws: ``MultiformatsError``; ``MultiformatsError/Kind/unsupported`` for key types other than Ed25519.
    public init(marshaled bytes: some Collection<UInt8>) throws(MultiformatsError) {
        try self.init(ed25519: Libp2pKeyType.unmarshalEd25519(bytes, "libp2p public key"))
    }

    /// The marshaled protobuf form, `08 01 12 20 <key>`.
    public var marshaled: [UInt8] {
        Libp2pKeyType.marshalEd25519(rawRepresentation)
    }

    /// The key type, always ``Libp2pKeyType/ed25519``.
    public var type: Libp2pKeyType { .ed25519 }

    /// The peer ID this key names (an identity multihash of ``marshaled``).
    public var peerID: PeerID {
        PeerID(publicKey: self)
    }

    /// True when `signature` is this key's Ed25519 signature of `data`.
    public func isValidSignature(_ signature: some Collection<UInt8>, for data: some Collection<UInt8>) -> Bool {
        key.isValidSignature(Array(signature), for: Array(data))
    }

    /// Equal when the raw keys are equal.
    public static func == (lhs: Libp2pPublicKey, rhs: Libp2pPublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the raw key.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}
