/// A libp2p peer ID: the multihash of a peer's marshaled public key.
///
/// Keys whose marshaled form is at most 42 bytes (every Ed25519 key: 36 bytes) are inlined with the identity
/// multihash, so the key can be read back (``extractPublicKey()``); larger keys are hashed with sha2-256.
///
/// - Text: base58btc of the multihash, `12D3KooW…` for Ed25519 and `Qm…` for sha2-256 IDs (``description``).
/// - CID form: CIDv1 with codec libp2p-key, `bafzaa…` (``cid``).
/// - JSON: the base58 string.
public struct PeerID: Hashable, Sendable, CustomStringConvertible {
    /// Marshaled keys up to this length are inlined with the identity multihash.
    public static let maxInlineKeyLength = 42

    /// The identity or sha2-256 multihash of the marshaled public key.
    public let multihash: Multihash

    /// The peer ID of `publicKey`.
    public init(publicKey: Libp2pPublicKey) {
        let marshaled = publicKey.marshaled
        multihash = marshaled.count <= Self.maxInlineKeyLength ? .identity(marshaled) : .sha2_256(of: marshaled)
    }

    /// Wraps a multihash.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/unsupported`` unless it is identity
    ///   or sha2-256 (as go-libp2p and go-multiaddr require).
    public init(multihash: Multihash) throws(MultiformatsError) {
        guard multihash.code == .identity || multihash.code == .sha2_256 else {
            throw MultiformatsError(
                .unsupported, "peer ID: multihash \(multihash.code) is not allowed; expected identity or sha2-256")
        }
        self.multihash = multihash
    }

    /// Parses the binary form (the multihash bytes, as in the `/p2p` multiaddr component and identify).
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        try self.init(multihash: Multihash(bytes: bytes))
    }

    /// Parses either text form: base58btc (starts with `1` or `Qm`) or a multibase CID with codec libp2p-key.
    ///
    /// - Throws: ``MultiformatsError``; ``MultiformatsError/Kind/unsupported`` for a CID of another codec.
    public init(_ text: some StringProtocol) throws(MultiformatsError) {
        if text.hasPrefix("1") || text.hasPrefix("Qm") {
            try self.init(bytes: Base58.decode(text))
            return
        }
        let cid: CID
        do {
            cid = try CID(text)
        } catch {
            throw MultiformatsError(
                error.kind,
                "peer ID: '\(text.prefix(80))' is neither base58btc (12D3KooW…, Qm…) nor a CID: \(error.message)")
        }
        guard cid.version == .v1 && cid.codec == .libp2pKey else {
            throw MultiformatsError(
                .unsupported, "peer ID: the CID has codec \(cid.codec); a peer ID CID must have codec libp2p-key (0x72)")
        }
        try self.init(multihash: cid.multihash)
    }

    /// The binary form: the multihash bytes.
    public var bytes: [UInt8] {
        multihash.bytes
    }

    /// The base58btc text, `12D3KooW…` for Ed25519 keys.
    public var description: String {
        Base58.encode(multihash.bytes)
    }

    /// The CID form: CIDv1, codec libp2p-key; its description is `bafzaa…` for Ed25519 keys.
    public var cid: CID {
        CID(codec: .libp2pKey, multihash: multihash)
    }

    /// The public key inlined in an identity peer ID, or nil for a sha2-256 peer ID (whose key must be
    /// learned another way, such as identify).
    ///
    /// - Throws: ``MultiformatsError`` when the inlined bytes are not a supported marshaled public key.
    public func extractPublicKey() throws(MultiformatsError) -> Libp2pPublicKey? {
        guard multihash.code == .identity else { return nil }
        return try Libp2pPublicKey(marshaled: multihash.digest)
    }

    /// True when this ID names `publicKey`.
    public func matches(_ publicKey: Libp2pPublicKey) -> Bool {
        self == PeerID(publicKey: publicKey)
    }
}

/// JSON: the base58btc string, as Lotus and go-libp2p write peer IDs.
extension PeerID: Codable {
    /// Decodes the text form (base58btc or CID).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid peer ID '\(text)': \(error.message)")
        }
    }

    /// Encodes the base58btc string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
