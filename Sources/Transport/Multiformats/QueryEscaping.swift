/// URL query escaping as Go's `url.QueryEscape`/`url.QueryUnescape` do it, for the `/http-path` value.
enum QueryEscaping {
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Keeps `A-Z a-z 0-9 - _ . ~`, writes space as `+`, and every other byte as `%XX`.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads `+` as space and `%XX` as a byte; the result must be UTF-8.
    static func unescape(_ text: Substring) throws(MultiformatsError) -> String {
        let chars = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            switch chars[index] {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < chars.count, let high = hexValue(chars[index + 1]), let low = hexValue(chars[index + 2])
                else {
                    throw MultiformatsError(
                        .invalidEncoding, "http-path: invalid URL escape at offset \(index) in '\(text.prefix(64))'")
                }
                out.append(high << 4 | low)
                index += 3
            default:
                out.append(chars[index])
                index += 1
            }
        }
        guard let result = String(validating: out, as: UTF8.self) else {
            throw MultiformatsError(.invalidValue, "http-path: the unescaped path is not valid UTF-8")
        }
        return result
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
