import Foundation

/// Bytes encoded as base64 in JSON, as Go encodes `[]byte` (e.g. the result of `AuthNew`).
public struct Base64Bytes: Codable, Sendable, Equatable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected base64 bytes"))
        }
        bytes = Array(data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(bytes).base64EncodedString())
    }

    /// The bytes as UTF-8 text (tokens are ASCII).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
