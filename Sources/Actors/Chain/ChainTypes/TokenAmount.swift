import APICore

/// An amount of FIL on chain, in attoFIL (Lotus `abi.TokenAmount`, a `big.Int`).
///
/// JSON is Lotus's: the decimal attoFIL count as a string (`"1500000000000000000"`). ``fil`` formats as
/// `types.FIL.String()` does (`"1.5 FIL"`) and ``init(fil:)`` parses what `types.ParseFIL` parses — both with
/// APICore's ``FILText``, the parser and formatter MinerConfig's `FIL` uses too. Held in an `Int128`, which holds
/// 85 billion times the 2 billion FIL supply; arithmetic that user input can reach uses the checked helpers.
public struct TokenAmount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The amount in attoFIL.
    public var attoFIL: Int128

    /// Creates an amount of `attoFIL` attoFIL.
    public init(attoFIL: Int128) {
        self.attoFIL = attoFIL
    }

    /// Creates an amount of `value` attoFIL.
    public init(integerLiteral value: Int64) {
        self.attoFIL = Int128(value)
    }

    /// Creates an amount of `whole` whole FIL.
    public init(wholeFIL whole: Int64) {
        self.attoFIL = Int128(whole) * FILText.attoPerFIL
    }

    /// Parses a FIL amount such as `"1.5"`, `"1.5 FIL"` or `"1000 attofil"`.
    /// - Throws: ``FILText/ParseError`` saying what was wrong.
    public init(fil text: String) throws(FILText.ParseError) {
        self.attoFIL = try FILText.parse(text)
    }

    /// Nothing.
    public static let zero = TokenAmount(attoFIL: 0)

    /// The 2 billion FIL total supply (Lotus `build.FilBase` × `FilecoinPrecision`): no value or fee cap in a valid
    /// message exceeds it.
    public static let totalSupply = TokenAmount(wholeFIL: 2_000_000_000)

    /// The amount as FIL, `"1.5 FIL"` (Lotus `types.FIL(x).String()`).
    public var fil: String { FILText.unitless(attoFIL: attoFIL) + " FIL" }

    /// The decimal attoFIL count, as Lotus prints a `big.Int`.
    public var description: String { String(attoFIL) }

    /// Whether the amount is below zero.
    public var isNegative: Bool { attoFIL < 0 }

    public static func < (lhs: TokenAmount, rhs: TokenAmount) -> Bool { lhs.attoFIL < rhs.attoFIL }
    public static func + (lhs: TokenAmount, rhs: TokenAmount) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL + rhs.attoFIL) }
    public static func - (lhs: TokenAmount, rhs: TokenAmount) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL - rhs.attoFIL) }
    public static func += (lhs: inout TokenAmount, rhs: TokenAmount) { lhs.attoFIL += rhs.attoFIL }
    public static func -= (lhs: inout TokenAmount, rhs: TokenAmount) { lhs.attoFIL -= rhs.attoFIL }
    /// The amount times a count, e.g. a gas price times gas units.
    public static func * (lhs: TokenAmount, rhs: Int64) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL * Int128(rhs)) }
    /// The amount divided by a count, rounded towards zero.
    public static func / (lhs: TokenAmount, rhs: Int64) -> TokenAmount { TokenAmount(attoFIL: lhs.attoFIL / Int128(rhs)) }

    /// The smaller of two amounts.
    public static func min(_ a: TokenAmount, _ b: TokenAmount) -> TokenAmount { a < b ? a : b }
    /// The larger of two amounts.
    public static func max(_ a: TokenAmount, _ b: TokenAmount) -> TokenAmount { a < b ? b : a }

    /// `self × count`, or `nil` if it does not fit.
    public func multipliedReportingOverflow(by count: Int64) -> TokenAmount? {
        let (product, overflow) = attoFIL.multipliedReportingOverflow(by: Int128(count))
        return overflow ? nil : TokenAmount(attoFIL: product)
    }

    // MARK: Binary

    /// The CBOR byte-string payload of a go-state-types `big.Int`: empty for zero, else a sign byte (0 positive,
    /// 1 negative) followed by the big-endian magnitude without leading zeros.
    public var bigIntBytes: [UInt8] {
        if attoFIL == 0 { return [] }
        var magnitude = attoFIL.magnitude
        var digits: [UInt8] = []
        while magnitude > 0 {
            digits.append(UInt8(truncatingIfNeeded: magnitude))
            magnitude >>= 8
        }
        return [attoFIL < 0 ? 1 : 0] + digits.reversed()
    }

    /// Decodes ``bigIntBytes``; `nil` when the sign byte is not 0 or 1, or the magnitude does not fit 127 bits.
    public init?(bigIntBytes bytes: some Collection<UInt8>) {
        guard let sign = bytes.first else {
            self = .zero
            return
        }
        guard sign <= 1, bytes.count <= 17 else { return nil }
        var magnitude: UInt128 = 0
        for byte in bytes.dropFirst() { magnitude = magnitude << 8 | UInt128(byte) }
        guard magnitude <= UInt128(Int128.max) else { return nil }
        attoFIL = sign == 1 ? -Int128(magnitude) : Int128(magnitude)
    }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Int128(text), text.first != "+" else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected an attoFIL amount as a decimal string such as \"1000\", got \"\(text)\""))
        }
        attoFIL = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
