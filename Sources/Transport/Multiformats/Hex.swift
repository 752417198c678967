/// Lower-case hexadecimal (multibase `base16`, without the `f` prefix): for messages, descriptions and vectors.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two characters per byte.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of hex `text` (either case); ASCII spaces between digits are ignored, so vectors can be grouped.
    /// - Throws: ``MultiformatsError`` `.invalidEncoding` naming the first character that is not a hex digit, or
    ///   an odd number of digits.
    public static func decode(_ text: String) throws(MultiformatsError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for (offset, char) in text.utf8.enumerated() where char != UInt8(ascii: " ") {
            guard let nibble = value(char) else {
                throw MultiformatsError(.invalidEncoding, "invalid hex: character \(describe(char)) at offset \(offset)")
            }
            if let pending = high {
                out.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard high == nil else { throw MultiformatsError(.invalidEncoding, "invalid hex: odd number of digits") }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func describe(_ char: UInt8) -> String {
        (0x21...0x7E).contains(char) ? "'\(Character(Unicode.Scalar(char)))'" : "0x" + String(char, radix: 16)
    }
}
