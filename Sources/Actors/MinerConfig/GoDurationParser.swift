/// Go's `time.ParseDuration`, ported: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare `0`.
struct GoDurationParser {
    private let text: String
    private var rest: ArraySlice<UInt8>

    private static let limit: UInt64 = 1 << 63
    private static let units: [String: UInt64] = [
        "ns": 1,
        "us": 1_000,
        "\u{00B5}s": 1_000,  // U+00B5 micro sign
        "\u{03BC}s": 1_000,  // U+03BC Greek mu
        "ms": 1_000_000,
        "s": 1_000_000_000,
        "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    init(_ text: String) {
        self.text = text
        self.rest = Array(text.utf8)[...]
    }

    private func failure(_ detail: String? = nil) -> ConfigError {
        var message = "expected a Go duration such as \"24h0m0s\" or \"30s\", got \(tomlQuoted(text))"
        if let detail { message += " (\(detail))" }
        return ConfigError(message: message)
    }

    mutating func parse() throws -> GoDuration {
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        if rest.elementsEqual("0".utf8) { return .zero }
        if rest.isEmpty { throw failure() }

        var total: UInt64 = 0
        while !rest.isEmpty {
            total = try addNextComponent(to: total)
        }
        if negative {
            return GoDuration(nanoseconds: total == Self.limit ? .min : -Int64(total))
        }
        guard total <= Self.limit - 1 else { throw failure("out of range") }
        return GoDuration(nanoseconds: Int64(total))
    }

    /// Consumes one `<number><unit>` component and returns `total` plus its length in nanoseconds.
    private mutating func addNextComponent(to total: UInt64) throws -> UInt64 {
        guard let first = rest.first, first == UInt8(ascii: ".") || isDigit(first) else { throw failure() }
        let before = rest.count
        var whole = try leadingInt()
        let hasWhole = rest.count != before

        var fraction: UInt64 = 0
        var scale = 1.0
        var hasFraction = false
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let beforeFraction = rest.count
            (fraction, scale) = leadingFraction()
            hasFraction = rest.count != beforeFraction
        }
        guard hasWhole || hasFraction else { throw failure() }

        let unitEnd = rest.firstIndex { $0 == UInt8(ascii: ".") || isDigit($0) } ?? rest.endIndex
        let unitName = String(decoding: rest[rest.startIndex..<unitEnd], as: UTF8.self)
        rest = rest[unitEnd...]
        guard !unitName.isEmpty else { throw failure("missing unit") }
        guard let unit = Self.units[unitName] else { throw failure("unknown unit \(tomlQuoted(unitName))") }

        guard whole <= Self.limit / unit else { throw failure("out of range") }
        whole *= unit
        if fraction > 0 {
            // float64 is precise to the nanosecond for fractions of hours, as in Go.
            whole += UInt64(Double(fraction) * (Double(unit) / scale))
            guard whole <= Self.limit else { throw failure("out of range") }
        }
        let (sum, overflow) = total.addingReportingOverflow(whole)
        guard !overflow, sum <= Self.limit else { throw failure("out of range") }
        return sum
    }

    /// Consumes `[0-9]*`.
    private mutating func leadingInt() throws -> UInt64 {
        var value: UInt64 = 0
        while let c = rest.first, isDigit(c) {
            guard value <= Self.limit / 10 else { throw failure("out of range") }
            value = value * 10 + UInt64(c - UInt8(ascii: "0"))
            guard value <= Self.limit else { throw failure("out of range") }
            rest = rest.dropFirst()
        }
        return value
    }

    /// Consumes `[0-9]*` after a decimal point; digits past 63 bits of precision are dropped, as in Go.
    private mutating func leadingFraction() -> (value: UInt64, scale: Double) {
        var value: UInt64 = 0
        var scale = 1.0
        var overflow = false
        while let c = rest.first, isDigit(c) {
            rest = rest.dropFirst()
            if overflow { continue }
            if value > (Self.limit - 1) / 10 {
                overflow = true
                continue
            }
            let next = value * 10 + UInt64(c - UInt8(ascii: "0"))
            if next > Self.limit {
                overflow = true
                continue
            }
            value = next
            scale *= 10
        }
        return (value, scale)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}

/// `text` as a TOML basic string: double quotes, with `"`, backslash and control characters escaped (the escapes Go's
/// BurntSushi encoder writes). Also used to quote offending values in error messages.
func tomlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
