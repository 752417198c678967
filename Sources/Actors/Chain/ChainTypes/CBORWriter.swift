/// Writes DAG-CBOR (RFC 8949 with the IPLD restrictions: shortest-form heads, definite lengths only, CIDs as
/// tag 42) the way go's cbor-gen writes Filecoin chain objects.
///
/// ```swift
/// var cbor = CBORWriter()
/// cbor.arrayHeader(2)
/// cbor.unsigned(0)
/// cbor.byteString(address.bytes)
/// ```
public struct CBORWriter: Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {}

    /// A head: major type `major` (0–7) with argument `value`, in the shortest form.
    public mutating func head(major: UInt8, _ value: UInt64) {
        let type = major << 5
        switch value {
        case 0..<24:
            bytes.append(type | UInt8(value))
        case 24...0xFF:
            bytes.append(type | 24)
            bytes.append(UInt8(value))
        case 0x100...0xFFFF:
            bytes.append(type | 25)
            appendBigEndian(value, count: 2)
        case 0x1_0000...0xFFFF_FFFF:
            bytes.append(type | 26)
            appendBigEndian(value, count: 4)
        default:
            bytes.append(type | 27)
            appendBigEndian(value, count: 8)
        }
    }

    private mutating func appendBigEndian(_ value: UInt64, count: Int) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// An unsigned integer (major type 0).
    public mutating func unsigned(_ value: UInt64) { head(major: 0, value) }

    /// A signed integer: major type 0 for values ≥ 0, major type 1 (encoding −1 − n) below zero.
    public mutating func integer(_ value: Int64) {
        if value >= 0 {
            head(major: 0, UInt64(value))
        } else {
            head(major: 1, UInt64(-(value + 1)))
        }
    }

    /// A byte string (major type 2).
    public mutating func byteString(_ value: some Collection<UInt8>) {
        head(major: 2, UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A UTF-8 text string (major type 3).
    public mutating func textString(_ value: String) {
        let utf8 = Array(value.utf8)
        head(major: 3, UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// The head of an array of `count` items (major type 4); the items follow.
    public mutating func arrayHeader(_ count: Int) { head(major: 4, UInt64(count)) }

    /// The head of a map of `count` pairs (major type 5); the keys and values follow.
    public mutating func mapHeader(_ count: Int) { head(major: 5, UInt64(count)) }

    /// A boolean (simple values 20 and 21).
    public mutating func bool(_ value: Bool) { bytes.append(value ? 0xF5 : 0xF4) }

    /// `null` (simple value 22).
    public mutating func null() { bytes.append(0xF6) }

    /// A CID link: tag 42 over a byte string holding 0x00 (the identity multibase prefix) and the binary CID.
    public mutating func cidLink(binary cid: [UInt8]) {
        head(major: 6, 42)
        byteString([0] + cid)
    }

    /// A go-state-types `big.Int` (``TokenAmount/bigIntBytes``) as a byte string.
    public mutating func bigInt(_ value: TokenAmount) { byteString(value.bigIntBytes) }

    /// Bytes that are already CBOR (a nested object encoded elsewhere).
    public mutating func raw(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }
}
