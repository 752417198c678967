/// Writes a protobuf message deterministically: fields in the order written (which must be field-number
/// order), minimal varints, no unknown fields. Enough for libp2p keys, the Noise handshake payload and
/// identify.
///
/// ```swift
/// var writer = ProtobufWriter()
/// writer.writeVarint(1, field: 1)          // Type = Ed25519
/// writer.writeBytes(publicKey, field: 2)   // Data
/// writer.bytes                             // 08 01 12 20 …
/// ```
public struct ProtobufWriter: Sendable {
    /// The encoded message so far.
    public private(set) var bytes: [UInt8] = []
    /// The last field number written, to keep fields in order.
    private var lastField = 0

    /// An empty message.
    public init() {}

    /// Writes a varint field (wire type 0): `uint32`, `uint64`, `int32`/`int64` of non-negative values, enums.
    public mutating func writeVarint(_ value: UInt64, field: Int) {
        writeTag(field: field, wireType: 0)
        Varint.append(value, to: &bytes)
    }

    /// Writes a `bool` field as varint 0 or 1.
    public mutating func writeBool(_ value: Bool, field: Int) {
        writeVarint(value ? 1 : 0, field: field)
    }

    /// Writes a length-delimited field (wire type 2): `bytes`, or an embedded message's bytes.
    public mutating func writeBytes(_ value: some Collection<UInt8>, field: Int) {
        writeTag(field: field, wireType: 2)
        Varint.append(UInt64(value.count), to: &bytes)
        bytes.append(contentsOf: value)
    }

    /// Writes a `string` field as its UTF-8 bytes.
    public mutating func writeString(_ value: String, field: Int) {
        writeBytes(Array(value.utf8), field: field)
    }

    /// Writes an embedded message.
    public mutating func writeMessage(_ message: ProtobufWriter, field: Int) {
        writeBytes(message.bytes, field: field)
    }

    private mutating func writeTag(field: Int, wireType: UInt64) {
        precondition(
            (1...ProtobufReader.maxFieldNumber).contains(field),
            "protobuf field numbers are 1...\(ProtobufReader.maxFieldNumber), got \(field)")
        precondition(field >= lastField, "protobuf fields must be written in field-number order for a deterministic encoding")
        lastField = field
        Varint.append(UInt64(field) << 3 | wireType, to: &bytes)
    }
}
