/// An amount of FIL, held exactly in attoFIL (10^-18 FIL), as Lotus's `types.FIL`.
///
/// ``description`` matches `types.FIL.String()` (`"0 FIL"`, `"0.05 FIL"`, `"0.00000000032 FIL"`, `"5 FIL"`) and
/// ``parse(_:)`` accepts what `types.ParseFIL` accepts. Encoded with `Codable` as that string.
public struct FIL: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in attoFIL.
    public var attoFIL: Int128

    /// attoFIL in one FIL (10^18).
    public static let precision: Int128 = 1_000_000_000_000_000_000

    /// Creates an amount of `attoFIL` attoFIL.
    public init(attoFIL: Int128) {
        self.attoFIL = attoFIL
    }

    /// Creates an amount of `whole` whole FIL.
    public init(whole: Int) {
        self.attoFIL = Int128(whole) * FIL.precision
    }

    /// Nothing (`"0 FIL"`).
    public static let zero = FIL(attoFIL: 0)

    public static func < (lhs: FIL, rhs: FIL) -> Bool { lhs.attoFIL < rhs.attoFIL }
    public static func + (lhs: FIL, rhs: FIL) -> FIL { FIL(attoFIL: lhs.attoFIL + rhs.attoFIL) }
    public static func - (lhs: FIL, rhs: FIL) -> FIL { FIL(attoFIL: lhs.attoFIL - rhs.attoFIL) }
    /// `lhs` times a count, e.g. `perSector * sectors` for batch fee caps.
    public static func * (lhs: FIL, rhs: Int) -> FIL { FIL(attoFIL: lhs.attoFIL * Int128(rhs)) }

    /// The amount as a decimal number of FIL without trailing zeros or unit: `"0"`, `"0.05"`, `"5"` (Lotus
    /// `FIL.Unitless()`).
    public var unitless: String {
        if attoFIL == 0 { return "0" }
        let magnitude = attoFIL.magnitude
        let whole = magnitude / UInt128(FIL.precision)
        let fraction = magnitude % UInt128(FIL.precision)
        var text = attoFIL < 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            let digits = String(fraction)
            var padded = String(repeating: "0", count: 18 - digits.count) + digits
            while padded.hasSuffix("0") { padded.removeLast() }
            text += "." + padded
        }
        return text
    }

    /// `"<unitless> FIL"`, as Lotus `types.FIL.String()`.
    public var description: String { unitless + " FIL" }

    /// Parses an amount: a decimal number with an optional unit, `FIL` (the default) or `attofil`/`afil`,
    /// case-insensitive, e.g. `"0.05"`, `"0.05 FIL"`, `"5 FIL"`, `"1000 attofil"`, `"1000 afil"`.
    ///
    /// More precision than one attoFIL is an error, as in Lotus `types.ParseFIL`.
    /// - Throws: ``ConfigError`` whose message says what was expected.
    public static func parse(_ text: String) throws -> FIL {
        func failure(_ detail: String? = nil) -> ConfigError {
            var message = "expected a FIL amount such as \"0.05 FIL\", got \(tomlQuoted(text))"
            if let detail { message += " (\(detail))" }
            return ConfigError(message: message)
        }
        let trimmed = text.trimmingASCIISpaces()
        let numberChars = Set("-.0123456789")
        let number = String(trimmed.prefix { numberChars.contains($0) })
        let suffix = trimmed.dropFirst(number.count).trimmingASCIISpaces().lowercased()
        let atto: Bool
        switch suffix {
        case "", "fil": atto = false
        case "attofil", "afil": atto = true
        default:
            if number.isEmpty { throw failure() }
            throw failure("unrecognized unit \(tomlQuoted(String(trimmed.dropFirst(number.count))))")
        }
        guard number.count <= 50 else { throw failure("number too long") }

        var digits = Substring(number)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw failure() }

        while fraction.last == "0" { fraction = fraction.dropLast() }
        let scaleDigits = atto ? 0 : 18
        guard fraction.count <= scaleDigits else {
            throw failure(atto ? "attoFIL must be a whole number" : "more than 18 decimal places")
        }
        let paddedFraction = fraction + String(repeating: "0", count: scaleDigits - fraction.count)
        guard let value = Int128(whole.isEmpty ? "0" : String(whole)),
            let fractionValue = Int128(paddedFraction.isEmpty ? "0" : String(paddedFraction))
        else { throw failure("too large") }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: atto ? 1 : FIL.precision)
        let (total, overflow2) = scaled.addingReportingOverflow(fractionValue)
        guard !overflow, !overflow2 else { throw failure("too large") }
        return FIL(attoFIL: negative ? -total : total)
    }

    /// Parses an amount; see ``parse(_:)``.
    public init(parsing text: String) throws {
        self = try FIL.parse(text)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try FIL.parse(text)
        } catch let error as ConfigError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let body = self[...].drop(while: isSpace)
        var end = body.endIndex
        while end > body.startIndex, isSpace(body[body.index(before: end)]) { end = body.index(before: end) }
        return Substring(body[body.startIndex..<end])
    }
}
