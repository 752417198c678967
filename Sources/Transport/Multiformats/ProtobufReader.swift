/// Reads a protobuf message field by field, for the small messages libp2p exchanges.
///
/// Every field is returned, so callers pick the ones they know and skip the rest (unknown fields are
/// allowed by protobuf). Truncated input, lengths that run past the end, groups (wire types 3 and 4),
/// over-long varints and messages above the size bound are errors.
///
/// ```swift
/// var reader = try ProtobufReader(bytes)
/// while let field = try reader.next() {
///     switch (field.number, field.value) {
///     case (1, .varint(let type)): keyType = type
///     case (2, .bytes(let data)): keyData = data
///     default: continue   // unknown field
///     }
/// }
/// ```
public struct ProtobufReader {
    /// Largest field number protobuf allows, 2^29 - 1.
    public static let maxFieldNumber = (1 << 29) - 1
    /// Default bound on the size of a message: 1 MiB.
    public static let defaultMaxLength = 1 << 20

    /// One field as it appears on the wire.
    public struct Field: Sendable, Equatable {
        /// The field number from the `.proto` definition.
        public let number: Int
        /// The value, by wire type.
        public let value: Value
    }

    /// A field value, by wire type.
    public enum Value: Sendable, Equatable {
        /// Wire type 0: integers, enums, bools.
        case varint(UInt64)
        /// Wire type 1: `fixed64`, `sfixed64`, `double` (little-endian bits).
        case fixed64(UInt64)
        /// Wire type 2: `bytes`, `string`, embedded messages, packed repeated fields.
        case bytes([UInt8])
        /// Wire type 5: `fixed32`, `sfixed32`, `float` (little-endian bits).
        case fixed32(UInt32)
    }

    private let bytes: [UInt8]
    private var offset = 0

    /// A reader over `bytes`.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` when `bytes` is longer
    ///   than `maxLength`.
    public init(_ bytes: some Collection<UInt8>, maxLength: Int = ProtobufReader.defaultMaxLength) throws(MultiformatsError) {
        guard bytes.count <= maxLength else {
            throw MultiformatsError(
                .invalidValue, "protobuf: message of \(bytes.count) bytes is larger than the \(maxLength) allowed")
        }
        self.bytes = Array(bytes)
    }

    /// The next field, or nil at the end of the message.
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/truncated`` when a field is cut short,
    ///   ``MultiformatsError/Kind/invalidValue`` for field number 0 or above 2^29 - 1,
    ///   ``MultiformatsError/Kind/unsupported`` for groups and unknown wire types,
    ///   ``MultiformatsError/Kind/invalidVarint`` for a varint over 10 bytes or 64 bits.
    public mutating func next() throws(MultiformatsError) -> Field? {
        guard offset < bytes.count else { return nil }
        let tag = try readVarint("field tag")
        let number = tag >> 3
        guard number >= 1 && number <= UInt64(Self.maxFieldNumber) else {
            throw MultiformatsError(.invalidValue, "protobuf: field number \(number) is outside 1...\(Self.maxFieldNumber)")
        }
        let field = Int(number)
        switch tag & 7 {
        case 0:
            return Field(number: field, value: .varint(try readVarint("field \(field)")))
        case 1:
            return Field(number: field, value: .fixed64(try readFixed(8, field: field)))
        case 2:
            let length = try readVarint("field \(field) length")
            guard length <= UInt64(bytes.count - offset) else {
                throw MultiformatsError(
                    .truncated,
                    "protobuf: field \(field) has length \(length) but only \(bytes.count - offset) byte(s) remain")
            }
            let start = offset
            offset += Int(length)
            return Field(number: field, value: .bytes(Array(bytes[start..<offset])))
        case 5:
            return Field(number: field, value: .fixed32(UInt32(truncatingIfNeeded: try readFixed(4, field: field))))
        case let wireType:
            throw MultiformatsError(
                .unsupported,
                "protobuf: field \(field) has wire type \(wireType); only 0, 1, 2 and 5 are supported (no groups)")
        }
    }

    /// A protobuf varint: up to 10 bytes, 64 bits; non-minimal encodings are accepted as protobuf does.
    private mutating func readVarint(_ what: String) throws(MultiformatsError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte > 1 {
                throw MultiformatsError(.invalidVarint, "protobuf: \(what) is a varint longer than 64 bits")
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw MultiformatsError(.truncated, "protobuf: message ends inside \(what)")
    }

    private mutating func readFixed(_ size: Int, field: Int) throws(MultiformatsError) -> UInt64 {
        guard bytes.count - offset >= size else {
            throw MultiformatsError(
                .truncated, "protobuf: field \(field) needs \(size) bytes but only \(bytes.count - offset) remain")
        }
        var value: UInt64 = 0
        for index in 0..<size {
            value |= UInt64(bytes[offset + index]) << UInt64(index * 8)
        }
        offset += size
        return value
    }
}
