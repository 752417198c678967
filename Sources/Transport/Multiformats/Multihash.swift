import Crypto

/// A self-describing digest: `varint(code) varint(length) digest`.
///
/// ```swift
/// let hash = Multihash.blake2b256(of: block)   // code 0xb220, 32-byte digest
/// hash.bytes                                   // a0 e4 02 20 …
/// ```
public struct Multihash: Hashable, Sendable, CustomStringConvertible {
    /// The hash function code, from the multicodec table.
    public let code: Code
    /// The digest bytes (for ``Code/identity``, the data itself).
    public let digest: [UInt8]

    /// A multihash with the given code and digest.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` when `code` has a fixed
    ///   digest length (``Code/digestLength``) and `digest` does not have it.
    public init(code: Code, digest: [UInt8]) throws(MultiformatsError) {
        if let expected = code.digestLength, digest.count != expected {
            throw MultiformatsError(
                .invalidValue,
                "multihash: \(code) digest must be \(expected) bytes, got \(digest.count)")
        }
        self.code = code
        self.digest = digest
    }

    /// Wraps `bytes` as they are, without hashing (code 0x00).
    public static func identity(_ bytes: some Collection<UInt8>) -> Multihash {
        Multihash(unchecked: .identity, Array(bytes))
    }

    /// The SHA-256 multihash of `bytes` (code 0x12).
    public static func sha2_256(of bytes: some Collection<UInt8>) -> Multihash {
        let digest = bytes.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(bytes))
        return Multihash(unchecked: .sha2_256, Array(digest))
    }

    /// The BLAKE2b-256 multihash of `bytes` (code 0xb220), as Filecoin uses for messages and blocks.
    public static func blake2b256(of bytes: some Collection<UInt8>) -> Multihash {
        Multihash(unchecked: .blake2b_256, BLAKE2b.hash(bytes, digestLength: 32))
    }

    init(unchecked code: Code, _ digest: [UInt8]) {
        self.code = code
        self.digest = digest
    }

    /// Parses a buffer holding exactly one multihash.
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/truncated`` if the digest is cut short,
    ///   ``MultiformatsError/Kind/invalidValue`` for bytes after it or a wrong digest length for the code.
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        var reader = ByteReader(bytes)
        self = try Multihash(from: &reader)
        try reader.expectEnd("multihash")
    }

    /// Reads one multihash from `reader`.
    init(from reader: inout ByteReader) throws(MultiformatsError) {
        let code = Code(rawValue: try reader.varint("multihash code"))
        let length = try reader.length("multihash digest")
        try self.init(code: code, digest: try reader.take(length, "multihash digest"))
    }

    /// The binary form: `varint(code) varint(digest length) digest`.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    /// Appends the binary form to `out`.
    public func append(to out: inout [UInt8]) {
        Varint.append(code.rawValue, to: &out)
        Varint.append(UInt64(digest.count), to: &out)
        out.append(contentsOf: digest)
    }

    /// `name:hexdigest`, for logs.
    public var description: String {
        "\(code):" + Hex.encode(digest)
    }
}

extension Multihash {
    /// A multihash function code from the multicodec table. Unknown codes are carried as they are.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The multicodec number.
        public let rawValue: UInt64

        /// Wraps a multicodec number.
        public init(rawValue: UInt64) {
            self.rawValue = rawValue
        }

        /// `identity` (0x00): the "digest" is the data itself (small libp2p public keys).
        public static let identity = Code(rawValue: 0x00)
        /// `sha2-256` (0x12), 32 bytes.
        public static let sha2_256 = Code(rawValue: 0x12)
        /// `blake2b-256` (0xb220), 32 bytes: Filecoin message and block CIDs.
        public static let blake2b_256 = Code(rawValue: 0xb220)
        /// `sha2-256-trunc254-padded` (0x1012), 32 bytes: Filecoin piece commitments (CommP/CommD).
        public static let sha2_256_trunc254_padded = Code(rawValue: 0x1012)
        /// `poseidon-bls12_381-a2-fc1` (0xb401), 32 bytes: Filecoin sealed sector commitments (CommR).
        public static let poseidon_bls12_381_a2_fc1 = Code(rawValue: 0xb401)

        /// The digest length this function always produces, or nil when any length is allowed.
        public var digestLength: Int? {
            switch self {
            case .sha2_256, .blake2b_256, .sha2_256_trunc254_padded, .poseidon_bls12_381_a2_fc1: 32
            default: nil
            }
        }

        /// The multicodec name (`sha2-256`), or `0x…` for a code not listed here.
        public var description: String {
            switch self {
            case .identity: "identity"
            case .sha2_256: "sha2-256"
            case .blake2b_256: "blake2b-256"
            case .sha2_256_trunc254_padded: "sha2-256-trunc254-padded"
            case .poseidon_bls12_381_a2_fc1: "poseidon-bls12_381-a2-fc1"
            default: "0x" + String(rawValue, radix: 16)
            }
        }
    }
}
