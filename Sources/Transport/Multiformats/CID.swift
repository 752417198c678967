/// A content identifier: which codec the content is in and the multihash of it.
///
/// - CIDv1 binary: `varint(1) varint(codec) multihash`; text: multibase `b` + lower-case base32 (`bafy…`).
/// - CIDv0 binary: a bare sha2-256 multihash (34 bytes, codec dag-pb implied); text: base58btc (`Qm…`).
///
/// Filecoin message and block CIDs are CIDv1 dag-cbor blake2b-256 (``dagCBORBlake2b256(of:)``); piece CIDs
/// are fil-commitment-unsealed with sha2-256-trunc254-padded. In Lotus JSON a CID is `{"/":"bafy…"}`
/// (see `CID+Codable.swift`).
public struct CID: Hashable, Sendable, CustomStringConvertible {
    /// The CID version.
    public enum Version: Int, Sendable {
        /// A bare sha2-256 multihash of dag-pb content.
        case v0 = 0
        /// `varint(1) varint(codec) multihash`.
        case v1 = 1
    }

    /// The version, which decides the binary and text forms.
    public let version: Version
    /// The codec of the content (always ``Codec/dagPB`` for v0).
    public let codec: Codec
    /// The hash of the content.
    public let multihash: Multihash

    /// A CIDv1.
    public init(codec: Codec, multihash: Multihash) {
        version = .v1
        self.codec = codec
        self.multihash = multihash
    }

    /// A CIDv0 of dag-pb content.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` unless `multihash` is
    ///   sha2-256 (the only hash CIDv0 allows).
    public init(v0 multihash: Multihash) throws(MultiformatsError) {
        guard multihash.code == .sha2_256 else {
            throw MultiformatsError(
                .invalidValue, "CIDv0 requires a sha2-256 multihash, got \(multihash.code); use a CIDv1")
        }
        version = .v0
        codec = .dagPB
        self.multihash = multihash
    }

    /// The CIDv1 dag-cbor blake2b-256 of `bytes`: how Filecoin names messages and blocks.
    public static func dagCBORBlake2b256(of bytes: some Collection<UInt8>) -> CID {
        CID(codec: .dagCBOR, multihash: .blake2b256(of: bytes))
    }

    /// Parses a buffer holding exactly one binary CID (v0 or v1).
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/unsupported`` for a version other than 1,
    ///   ``MultiformatsError/Kind/truncated`` when cut short, ``MultiformatsError/Kind/invalidValue`` for bytes
    ///   after the multihash or a digest of the wrong length.
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        var reader = ByteReader(bytes)
        if reader.bytes.count == 34 && reader.bytes[0] == 0x12 && reader.bytes[1] == 0x20 {
            try self.init(v0: Multihash(from: &reader))
            return
        }
        let version = try reader.varint("CID version")
        guard version == 1 else {
            throw MultiformatsError(
                .unsupported,
                "CID: version \(version) in binary; expected 1 (a CIDv0 is a bare 34-byte sha2-256 multihash)")
        }
        let codec = Codec(rawValue: try reader.varint("CID codec"))
        let multihash = try Multihash(from: &reader)
        try reader.expectEnd("CID")
        self.init(codec: codec, multihash: multihash)
    }

    /// Parses the text form: CIDv0 base58btc (`Qm…`, 46 characters) or a multibase CID in base32
    /// (`b…`, `B…`), base58btc (`z…`) or base36 (`k…`, the IPNS-style peer ID form `k51qzi5uqu5d…`).
    ///
    /// - Throws: ``MultiformatsError``; ``MultiformatsError/Kind/unsupported`` for another multibase prefix.
    public init(_ text: some StringProtocol) throws(MultiformatsError) {
        let chars = Array(text.utf8)
        if chars.count == 46 && chars[0] == UInt8(ascii: "Q") && chars[1] == UInt8(ascii: "m") {
            try self.init(v0: Multihash(bytes: Base58.decode(ascii: chars)))
            return
        }
        guard let prefix = chars.first else {
            throw MultiformatsError(.invalidEncoding, "CID: empty text")
        }
        let body = chars.dropFirst()
        let bytes: [UInt8]
        switch prefix {
        case UInt8(ascii: "b"): bytes = try Base32.lowercase.decode(ascii: body)
        case UInt8(ascii: "B"): bytes = try Base32.uppercase.decode(ascii: body)
        case UInt8(ascii: "z"): bytes = try Base58.decode(ascii: body)
        case UInt8(ascii: "k"): bytes = try Self.base36.decode(ascii: body)
        default:
            throw MultiformatsError(
                .unsupported,
                "CID: multibase prefix '\(Character(Unicode.Scalar(prefix)))' is not supported; "
                    + "expected 'b' (base32), 'B' (base32 upper), 'z' (base58btc), 'k' (base36) or a CIDv0 'Qm…'")
        }
        try self.init(bytes: bytes)
    }

    /// Multibase `k`: lower-case base36.
    private static let base36 = RadixCodec(name: "base36", alphabet: "0123456789abcdefghijklmnopqrstuvwxyz")

    /// The binary form.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    /// Appends the binary form to `out`.
    public func append(to out: inout [UInt8]) {
        if version == .v1 {
            Varint.append(1, to: &out)
            Varint.append(codec.rawValue, to: &out)
        }
        multihash.append(to: &out)
    }

    /// The canonical text: base58btc for v0, `b` + lower-case base32 for v1.
    public var description: String {
        switch version {
        case .v0:
            return Base58.encode(multihash.bytes)
        case .v1:
            var out: [UInt8] = [UInt8(ascii: "b")]
            Base32.lowercase.append(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension CID {
    /// A content codec from the multicodec table. Unknown codes are carried as they are.
    public struct Codec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The multicodec number.
        public let rawValue: UInt64

        /// Wraps a multicodec number.
        public init(rawValue: UInt64) {
            self.rawValue = rawValue
        }

        /// `raw` (0x55): plain bytes.
        public static let raw = Codec(rawValue: 0x55)
        /// `dag-pb` (0x70): the codec every CIDv0 implies.
        public static let dagPB = Codec(rawValue: 0x70)
        /// `dag-cbor` (0x71): Filecoin messages, blocks and state.
        public static let dagCBOR = Codec(rawValue: 0x71)
        /// `libp2p-key` (0x72): a peer ID written as a CID.
        public static let libp2pKey = Codec(rawValue: 0x72)
        /// `fil-commitment-unsealed` (0xf101): piece and data commitments (CommP, CommD).
        public static let filCommitmentUnsealed = Codec(rawValue: 0xf101)
        /// `fil-commitment-sealed` (0xf102): replica commitments (CommR).
        public static let filCommitmentSealed = Codec(rawValue: 0xf102)

        /// The multicodec name (`dag-cbor`), or `0x…` for a code not listed here.
        public var description: String {
            switch self {
            case .raw: "raw"
            case .dagPB: "dag-pb"
            case .dagCBOR: "dag-cbor"
            case .libp2pKey: "libp2p-key"
            case .filCommitmentUnsealed: "fil-commitment-unsealed"
            case .filCommitmentSealed: "fil-commitment-sealed"
            default: "0x" + String(rawValue, radix: 16)
            }
        }
    }
}
