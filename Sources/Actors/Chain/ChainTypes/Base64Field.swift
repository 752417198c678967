import Foundation

/// How Go's `encoding/json` writes `[]byte`: standard base64 with padding, `null` for a nil slice. Chain types
/// treat an empty byte string and nil alike, as cbor-gen does when it decodes a zero-length byte string.
enum Base64Field {
    /// Decodes a base64 string (or `null`, or a missing key) at `key`.
    static func decode<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> [UInt8] {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return [] }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "expected base64 bytes (Go's encoding of []byte)")
        }
        return Array(data)
    }

    /// Encodes `bytes` as base64 at `key`, or `null` when they are empty.
    static func encode<Key: CodingKey>(
        _ bytes: [UInt8], into container: inout KeyedEncodingContainer<Key>, forKey key: Key
    ) throws {
        if bytes.isEmpty {
            try container.encodeNil(forKey: key)
        } else {
            try container.encode(Data(bytes).base64EncodedString(), forKey: key)
        }
    }
}
