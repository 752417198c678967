/// The decimal text form of FIL amounts, the one parser and formatter shared by MinerConfig's `FIL` (config values)
/// and ChainTypes' `TokenAmount` (chain values).
///
/// ``unitless(attoFIL:)`` matches Lotus `types.FIL.Unitless()` (`"0"`, `"0.05"`, `"5"`) and ``parse(_:)`` accepts
/// what `types.ParseFIL` accepts: a decimal number with an optional unit, `FIL` (the default) or `attofil`/`afil`,
/// case-insensitive.
public enum FILText {
    /// attoFIL in one FIL (10^18).
    public static let attoPerFIL: Int128 = 1_000_000_000_000_000_000

    /// Why a text is not a FIL amount; ``detail`` is `nil` when the text is not a number at all.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// What was wrong beyond "not a FIL amount", e.g. `more than 18 decimal places`.
        public var detail: String?

        /// Creates an error with an optional detail.
        public init(detail: String?) { self.detail = detail }

        public var description: String {
            "expected a FIL amount such as \"0.05 FIL\"" + (detail.map { " (\($0))" } ?? "")
        }
    }

    /// `attoFIL` as a decimal number of FIL without trailing zeros or unit: `"0"`, `"0.05"`, `"-5"`.
    public static func unitless(attoFIL: Int128) -> String {
        if attoFIL == 0 { return "0" }
        let magnitude = attoFIL.magnitude
        let whole = magnitude / UInt128(attoPerFIL)
        let fraction = magnitude % UInt128(attoPerFIL)
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

    /// Parses an amount such as `"0.05"`, `"0.05 FIL"`, `"5 FIL"`, `"1000 attofil"`, `"1000 afil"` into attoFIL.
    ///
    /// More precision than one attoFIL is an error, as in Lotus `types.ParseFIL`.
    /// - Throws: ``ParseError`` saying what was wrong.
    public static func parse(_ text: String) throws(ParseError) -> Int128 {
        let trimmed = text.trimmingASCIISpaces()
        let numberChars = Set("-.0123456789")
        let number = String(trimmed.prefix { numberChars.contains($0) })
        let suffix = trimmed.dropFirst(number.count).trimmingASCIISpaces().lowercased()
        let atto: Bool
        switch suffix {
        case "", "fil": atto = false
        case "attofil", "afil": atto = true
        default:
            if number.isEmpty { throw ParseError(detail: nil) }
            let unit = String(trimmed.dropFirst(number.count))
            throw ParseError(detail: "unrecognized unit \"\(unit)\"")
        }
        guard number.count <= 50 else { throw ParseError(detail: "number too long") }

        var digits = Substring(number)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw ParseError(detail: nil) }

        while fraction.last == "0" { fraction = fraction.dropLast() }
        let scaleDigits = atto ? 0 : 18
        guard fraction.count <= scaleDigits else {
            throw ParseError(detail: atto ? "attoFIL must be a whole number" : "more than 18 decimal places")
        }
        let paddedFraction = fraction + String(repeating: "0", count: scaleDigits - fraction.count)
        guard let value = Int128(whole.isEmpty ? "0" : String(whole)),
            let fractionValue = Int128(paddedFraction.isEmpty ? "0" : String(paddedFraction))
        else { throw ParseError(detail: "too large") }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: atto ? 1 : attoPerFIL)
        let (total, overflow2) = scaled.addingReportingOverflow(fractionValue)
        guard !overflow, !overflow2 else { throw ParseError(detail: "too large") }
        return negative ? -total : total
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
