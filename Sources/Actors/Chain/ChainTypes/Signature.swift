/// A signature as Lotus carries it (go-state-types `crypto.Signature`): a type and the signature bytes.
///
/// JSON is `{"Type":1,"Data":"<base64>"}`; the CBOR form (``bytes``) is one byte string, the type byte followed by
/// the data. On this devnet type 1 holds an Ed25519 signature (see `WalletKey` and DESIGN.md "Devnet signatures").
public struct Signature: Sendable, Hashable, Codable {
    /// The signature type (go-state-types `crypto.SigType`).
    public struct SigType: RawRepresentable, Sendable, Hashable, Codable {
        /// The number on the wire.
        public var rawValue: UInt8
        /// Creates a type from its number.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 1: secp256k1 in Filecoin; on this devnet, Ed25519 public key ‖ signature (the wallet key type).
        public static let secp256k1 = SigType(rawValue: 1)
        /// 2: BLS12-381 (not produced on this devnet).
        public static let bls = SigType(rawValue: 2)
        /// 3: delegated (FEVM; not produced on this devnet).
        public static let delegated = SigType(rawValue: 3)
    }

    /// The signature type.
    public var type: SigType
    /// The signature bytes; for devnet type 1, the 32-byte Ed25519 public key followed by the 64-byte signature.
    public var data: [UInt8]

    /// Creates a signature.
    public init(type: SigType, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// The CBOR byte-string payload: type byte ‖ data.
    public var bytes: [UInt8] { [type.rawValue] + data }

    /// Decodes ``bytes``; `nil` when empty.
    public init?(bytes: [UInt8]) {
        guard let first = bytes.first else { return nil }
        self.init(type: SigType(rawValue: first), data: Array(bytes.dropFirst()))
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case data = "Data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(SigType.self, forKey: .type)
        data = try Base64Field.decode(container, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try Base64Field.encode(data, into: &container, forKey: .data)
    }
}
