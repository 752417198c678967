import APICore

/// An amount of FIL, held exactly in attoFIL (10^-18 FIL), as Lotus's `types.FIL`.
///
/// ``description`` matches `types.FIL.String()` (`"0 FIL"`, `"0.05 FIL"`, `"0.00000000032 FIL"`, `"5 FIL"`) and
/// ``parse(_:)`` accepts what `types.ParseFIL` accepts. Encoded with `Codable` as that string.
public struct FIL: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in attoFIL.
    public var attoFIL: Int128

    /// attoFIL in one FIL (10^18).
    public static let precision: Int128 = FILText.attoPerFIL

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
    /// `FIL.Unitless()`; the formatter is APICore's ``FILText``, shared with the chain's `TokenAmount`).
    public var unitless: String { FILText.unitless(attoFIL: attoFIL) }

    /// `"<unitless> FIL"`, as Lotus `types.FIL.String()`.
    public var description: String { unitless + " FIL" }

    /// Parses an amount: a decimal number with an optional unit, `FIL` (the default) or `attofil`/`afil`,
    /// case-insensitive, e.g. `"0.05"`, `"0.05 FIL"`, `"5 FIL"`, `"1000 attofil"`, `"1000 afil"`.
    ///
    /// More precision than one attoFIL is an error, as in Lotus `types.ParseFIL` (the parser is ``FILText``).
    /// - Throws: ``ConfigError`` whose message says what was expected.
    public static func parse(_ text: String) throws -> FIL {
        do {
            return FIL(attoFIL: try FILText.parse(text))
        } catch {
            var message = "expected a FIL amount such as \"0.05 FIL\", got \(tomlQuoted(text))"
            if let detail = error.detail { message += " (\(detail))" }
            throw ConfigError(message: message)
        }
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
