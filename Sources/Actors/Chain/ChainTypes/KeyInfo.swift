/// A private key as Lotus stores it in the keystore and exchanges it in `WalletExport`/`WalletImport`
/// (`types.KeyInfo`): `{"Type":"ed25519","PrivateKey":"<base64>"}`.
///
/// Devnet wallet keys are Ed25519 (Type `ed25519`, the 32-byte seed); Lotus's keystore name for a wallet key is
/// ``keystoreName(for:)`` (`wallet-<address>`), and `default` holds a copy of the default wallet's key.
public struct KeyInfo: Sendable, Hashable, Codable {
    /// The key type name, e.g. `ed25519`.
    public var type: String
    /// The raw private key bytes.
    public var privateKey: [UInt8]

    /// The devnet wallet key type.
    public static let ed25519Type = "ed25519"

    /// Creates a key info.
    public init(type: String, privateKey: [UInt8]) {
        self.type = type
        self.privateKey = privateKey
    }

    /// Lotus's keystore entry name for a wallet address: `wallet-t1…`.
    public static func keystoreName(for address: Address) -> String { "wallet-\(address)" }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case privateKey = "PrivateKey"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        privateKey = try Base64Field.decode(container, forKey: .privateKey)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try Base64Field.encode(privateKey, into: &container, forKey: .privateKey)
    }
}
