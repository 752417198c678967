import Foundation
import RPCAuth

/// One keystore entry, Lotus's `types.KeyInfo`: `{"Type":"...","PrivateKey":"<base64>"}`.
public struct KeyInfo: Sendable, Equatable, Codable {
    /// Key type of the API HMAC secret stored under `auth-jwt-private`.
    public static let jwtHMACSecretType = "jwt-hmac-secret"
    /// Key type of the libp2p identity stored under `libp2p-host`.
    public static let libp2pHostType = "libp2p-host"

    /// Key type, e.g. `jwt-hmac-secret`, `libp2p-host`, `bls`, `secp256k1`.
    public var type: String
    /// Raw key bytes (base64 in JSON).
    public var privateKey: [UInt8]

    /// Creates a key entry.
    public init(type: String, privateKey: [UInt8]) {
        self.type = type
        self.privateKey = privateKey
    }

    private enum CodingKeys: String, CodingKey {
        case type = "Type"
        case privateKey = "PrivateKey"
    }

    /// Decodes Lotus's JSON; a missing or `null` field reads as empty, like Go.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        privateKey = try container.decodeIfPresent(Data.self, forKey: .privateKey).map { Array($0) } ?? []
    }

    /// Encodes `Type` then `PrivateKey` (standard base64).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(Data(privateKey), forKey: .privateKey)
    }

    /// The exact bytes Go's `json.Marshal` writes for this entry (key order `Type`, `PrivateKey`).
    public var jsonBytes: [UInt8] {
        let text = #"{"Type":"# + GoJSON.quote(type) + #","PrivateKey":""# + Data(privateKey).base64EncodedString() + #""}"#
        return Array(text.utf8)
    }
}
