/// Helpers that reproduce byte-for-byte what Go's `encoding/json` writes for simple values.
///
/// Swift's `JSONEncoder` differs in key order and escaping (`\/`), so files and tokens that must be
/// identical to Lotus's output are assembled from these pieces.
public enum GoJSON {
    /// Quotes `string` as Go's `json.Marshal` does: escapes `"`, `\`, control characters, and — for HTML
    /// safety — `<`, `>`, `&`, U+2028 and U+2029 as `\u00XX`/`\u20XX`.
    public static func quote(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// A JSON array of quoted strings without whitespace, e.g. `["read","write"]`.
    public static func stringArray(_ values: [String]) -> String {
        "[" + values.map(quote).joined(separator: ",") + "]"
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
