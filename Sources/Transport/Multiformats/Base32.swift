/// RFC 4648 base32 without `=` padding, in one of two alphabets.
///
/// - ``lowercase`` (`abcdefghijklmnopqrstuvwxyz234567`): multibase `b` (CIDs, `bafy…`) and Filecoin addresses
///   (`f1…`, `f2…`, `f3…`). Same as Go's `base32.StdEncoding.WithPadding(NoPadding)` over the lower-case
///   alphabet.
/// - ``uppercase`` (`ABCDEFGHIJKLMNOPQRSTUVWXYZ234567`): Go's `base32.RawStdEncoding`, which Lotus uses to name
///   keystore files: `auth-jwt-private` → `MF2XI2BNNJ3XILLQOJUXMYLUMU`, `libp2p-host` → `NRUWE4BSOAWWQ33TOQ`.
///
/// Decoding is strict, so every accepted string is the encoding of exactly one byte string: characters must be
/// in the chosen alphabet (no mixing cases, no `=`, no whitespace), the length must be one an encoder produces
/// (not 1, 3 or 6 modulo 8), and the unused low bits of the last character must be zero.
public struct Base32: Sendable {
    /// The lower-case alphabet: multibase `b`, Filecoin addresses.
    public static let lowercase = Base32(alphabet: "abcdefghijklmnopqrstuvwxyz234567")
    /// The upper-case alphabet: Lotus keystore file names.
    public static let uppercase = Base32(alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// The 32 ASCII characters, indexed by 5-bit value.
    private let alphabet: [UInt8]
    /// Maps an ASCII byte to its 5-bit value, or 0xFF when it is not in the alphabet.
    private let reverse: [UInt8]

    private init(alphabet text: String) {
        alphabet = Array(text.utf8)
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        reverse = table
    }

    /// Number of characters the encoding of `byteCount` bytes has.
    public static func encodedLength(_ byteCount: Int) -> Int {
        (byteCount * 8 + 4) / 5
    }

    /// Encodes `bytes` without padding.
    public func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes the UTF-8 bytes of `string` (how Lotus turns a key name into a keystore file name).
    public func encode(_ string: String) -> String {
        encode(Array(string.utf8))
    }

    /// Appends the ASCII characters of the encoding of `bytes` to `out`.
    public func append(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + Self.encodedLength(bytes.count))
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(truncatingIfNeeded: (buffer >> UInt64(bits)) & 0x1F)])
            }
        }
        if bits > 0 {
            out.append(alphabet[Int(truncatingIfNeeded: (buffer << UInt64(5 - bits)) & 0x1F)])
        }
    }

    /// Decodes `text`, which must be in this alphabet, unpadded and canonical.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidEncoding``.
    public func decode(_ text: some StringProtocol) throws(MultiformatsError) -> [UInt8] {
        try decode(ascii: text.utf8)
    }

    /// Decodes the ASCII characters in `chars`; same rules as ``decode(_:)``.
    public func decode(ascii chars: some Collection<UInt8>) throws(MultiformatsError) -> [UInt8] {
        switch chars.count % 8 {
        case 1, 3, 6:
            throw MultiformatsError(
                .invalidEncoding,
                "base32: \(chars.count) characters is not a length any encoder produces (1, 3 or 6 modulo 8); "
                    + "the text is truncated or has extra characters")
        default:
            break
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 5 / 8)
        var buffer: UInt64 = 0
        var bits = 0
        var position = 0
        for char in chars {
            let value = reverse[Int(char)]
            if value == 0xFF {
                throw MultiformatsError(
                    .invalidEncoding,
                    "base32: character \(Self.describe(char)) at offset \(position) is not in the alphabet "
                        + "'\(String(decoding: alphabet, as: UTF8.self))'")
            }
            buffer = (buffer << 5) | UInt64(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt64(bits)))
            }
            position += 1
        }
        if bits > 0 && buffer & ((1 << UInt64(bits)) - 1) != 0 {
            throw MultiformatsError(
                .invalidEncoding,
                "base32: the last character has non-zero unused bits; the text is not the canonical encoding of any bytes")
        }
        return out
    }

    /// A printable description of one input byte for error messages.
    private static func describe(_ char: UInt8) -> String {
        (0x21...0x7E).contains(char) ? "'\(Character(Unicode.Scalar(char)))'" : "0x" + String(char, radix: 16)
    }
}
