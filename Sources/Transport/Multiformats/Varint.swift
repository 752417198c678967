/// The multiformats unsigned varint: little-endian base-128 (LEB128), seven bits per byte, the high bit set on
/// every byte but the last.
///
/// Used for multicodec and multihash codes, CID versions, multiaddr protocol codes and lengths, and libp2p
/// length-prefixed messages. Decoding follows the multiformats rules: at most ``maxLength`` (9) bytes, so at
/// most 63 bits, and the encoding must be minimal (no trailing `0x00` group, as in `0x81 0x00` for 1).
///
/// ```swift
/// Varint.encode(300)                   // [0xAC, 0x02]
/// try Varint.decode([0xAC, 0x02, 0xFF]) // (value: 300, length: 2)
/// ```
public enum Varint {
    /// Longest varint a multiformats decoder accepts: 9 bytes carry 63 bits.
    public static let maxLength = 9
    /// Largest value a multiformats varint can carry, `2^63 - 1`.
    public static let maxValue: UInt64 = (1 << 63) - 1

    /// The minimal encoding of `value`.
    ///
    /// Values above ``maxValue`` are written as 10-byte LEB128 (as protobuf does); multiformats fields never
    /// hold them and ``decode(_:)`` rejects them.
    public static func encode(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLength(value))
        append(value, to: &out)
        return out
    }

    /// Appends the minimal encoding of `value` to `bytes`.
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Number of bytes ``encode(_:)`` produces for `value` (1 to 10).
    public static func encodedLength(_ value: UInt64) -> Int {
        let bits = 64 - value.leadingZeroBitCount
        return bits == 0 ? 1 : (bits + 6) / 7
    }

    /// Decodes the varint at the start of `bytes`; the bytes after it are ignored.
    ///
    /// - Returns: the value and how many bytes it took.
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/truncated`` when `bytes` ends before
    ///   the last byte of the varint (more input may complete it), or ``MultiformatsError/Kind/invalidVarint``
    ///   when it is longer than 9 bytes or not minimally encoded (no amount of input fixes that).
    public static func decode(_ bytes: some Collection<UInt8>) throws(MultiformatsError) -> (value: UInt64, length: Int) {
        guard let result = try decodeIfComplete(bytes) else {
            throw MultiformatsError(
                .truncated,
                bytes.isEmpty
                    ? "varint: no bytes; expected at least one"
                    : "varint: input ends after \(bytes.count) byte(s) with the continuation bit set; more bytes are needed")
        }
        return result
    }

    /// Like ``decode(_:)`` but returns nil instead of throwing when `bytes` is a proper prefix of a valid
    /// varint, so a stream reader can tell "wait for more bytes" from "this peer sent garbage".
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidVarint`` only.
    public static func decodeIfComplete(
        _ bytes: some Collection<UInt8>
    ) throws(MultiformatsError) -> (value: UInt64, length: Int)? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var length = 0
        for byte in bytes {
            length += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                if byte == 0 && length > 1 {
                    throw MultiformatsError(
                        .invalidVarint,
                        "varint: not minimally encoded (\(length) bytes ending in 0x00); re-encode the value \(value) "
                            + "in \(encodedLength(value)) byte(s)")
                }
                return (value, length)
            }
            if length == maxLength {
                throw MultiformatsError(
                    .invalidVarint,
                    "varint: longer than \(maxLength) bytes; multiformats varints carry at most 63 bits")
            }
            shift += 7
        }
        return nil
    }
}
