/// RFC 4648 base32 with the standard upper-case alphabet and no padding (Go's `base32.RawStdEncoding`).
///
/// Lotus names keystore files with it: `auth-jwt-private` → `MF2XI2BNNJ3XILLQOJUXMYLUMU`,
/// `libp2p-host` → `NRUWE4BSOAWWQ33TOQ`.
public enum Base32 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = Int8(index) }
        return table
    }()

    /// Encodes `bytes` as upper-case base32 without `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt64(bits)) & 0x1F)])
            }
        }
        if bits > 0 {
            out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 0x1F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes the UTF-8 bytes of `string` (how Lotus turns a key name into a file name).
    public static func encode(_ string: String) -> String {
        encode(Array(string.utf8))
    }

    /// Decodes upper-case base32. Trailing `=` padding is tolerated; returns nil for characters outside
    /// the alphabet (including lower case, as Go does) or for a length no encoder can produce.
    public static func decode(_ text: String) -> [UInt8]? {
        var chars = Array(text.utf8)
        while chars.last == UInt8(ascii: "=") { chars.removeLast() }
        switch chars.count % 8 {
        case 1, 3, 6: return nil
        default: break
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 5 / 8)
        var buffer: UInt64 = 0
        var bits = 0
        for char in chars {
            let value = reverse[Int(char)]
            if value < 0 { return nil }
            buffer = (buffer << 5) | UInt64(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt64(bits)) & 0xFF))
            }
        }
        return out
    }
}
