import Foundation

/// A `[UInt8]` property that JSON-encodes as Go encodes `[]byte`: base64, `null` when empty.
///
/// ```swift
/// public struct ChangePeerIDParams: Codable {
///     @Base64Encoded public var newID: [UInt8]
/// }
/// ```
@propertyWrapper
public struct Base64Encoded: Sendable, Hashable, Codable {
    /// The bytes.
    public var wrappedValue: [UInt8]

    /// Wraps `wrappedValue`.
    public init(wrappedValue: [UInt8]) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = []
            return
        }
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected base64 bytes (Go's encoding of []byte)")
        }
        wrappedValue = Array(data)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wrappedValue.isEmpty {
            try container.encodeNil()
        } else {
            try container.encode(Data(wrappedValue).base64EncodedString())
        }
    }
}

/// A `[[UInt8]]` property that JSON-encodes as Go encodes `[][]byte`: an array of base64 strings.
@propertyWrapper
public struct Base64EncodedList: Sendable, Hashable, Codable {
    /// The byte strings.
    public var wrappedValue: [[UInt8]]

    /// Wraps `wrappedValue`.
    public init(wrappedValue: [[UInt8]]) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = []
            return
        }
        wrappedValue = try container.decode([Base64Encoded].self).map(\.wrappedValue)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.map(Base64Encoded.init(wrappedValue:)))
    }
}
