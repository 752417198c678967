/// A Go `time.Duration`: a signed count of nanoseconds, written in config files the way Go writes it
/// (`"24h0m0s"`, `"30s"`, `"250ms"`).
///
/// ``description`` matches Go's `Duration.String()` byte for byte and ``parse(_:)`` accepts exactly what Go's
/// `time.ParseDuration` accepts. Encoded with `Codable` as that string.
public struct GoDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration of `nanoseconds` nanoseconds.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Converts a Swift `Duration`, truncating below one nanosecond and clamping to the `Int64` range.
    public init(_ duration: Swift.Duration) {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow || overflow2 {
            self.nanoseconds = seconds < 0 ? .min : .max
        } else {
            self.nanoseconds = total
        }
    }

    /// Zero length (`"0s"`).
    public static let zero = GoDuration(nanoseconds: 0)
    /// `n` milliseconds.
    public static func milliseconds(_ n: Int64) -> GoDuration { GoDuration(nanoseconds: n * 1_000_000) }
    /// `n` seconds.
    public static func seconds(_ n: Int64) -> GoDuration { GoDuration(nanoseconds: n * 1_000_000_000) }
    /// `n` minutes.
    public static func minutes(_ n: Int64) -> GoDuration { GoDuration(nanoseconds: n * 60_000_000_000) }
    /// `n` hours.
    public static func hours(_ n: Int64) -> GoDuration { GoDuration(nanoseconds: n * 3_600_000_000_000) }

    /// The same length as a Swift `Duration`.
    public var duration: Swift.Duration { .nanoseconds(nanoseconds) }

    /// The length in seconds, with fractions.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Parses a Go duration string such as `"24h0m0s"`, `"1.5h"`, `"-5m"`, `"250ms"` or `"0"`.
    ///
    /// A sequence of decimal numbers, each with an optional fraction and a unit suffix (`ns`, `us`, `µs`, `ms`, `s`,
    /// `m`, `h`), with an optional leading sign; the same grammar and overflow rules as Go's `time.ParseDuration`.
    /// - Throws: ``ConfigError`` whose message says what was expected.
    public static func parse(_ text: String) throws -> GoDuration {
        var parser = GoDurationParser(text)
        return try parser.parse()
    }

    /// Parses a Go duration string; see ``parse(_:)``.
    public init(parsing text: String) throws {
        self = try GoDuration.parse(text)
    }

    /// Go's `Duration.String()`: `"24h0m0s"`, `"5m0s"`, `"30s"`, `"1.5s"`, `"250ms"`, `"1µs"`, `"0s"`.
    public var description: String {
        var out: [UInt8] = []  // built backwards, as Go does
        let negative = nanoseconds < 0
        var u = UInt64(bitPattern: nanoseconds)
        if negative { u = 0 &- u }
        if u < 1_000_000_000 {
            out.append(UInt8(ascii: "s"))
            let precision: Int
            switch u {
            case 0:
                return "0s"
            case ..<1_000:
                precision = 0
                out.append(UInt8(ascii: "n"))
            case ..<1_000_000:
                precision = 3
                out.append(contentsOf: [0xB5, 0xC2])  // "µ" (U+00B5), reversed UTF-8
            default:
                precision = 6
                out.append(UInt8(ascii: "m"))
            }
            u = Self.appendFraction(&out, u, precision: precision)
            Self.appendInteger(&out, u)
        } else {
            out.append(UInt8(ascii: "s"))
            u = Self.appendFraction(&out, u, precision: 9)
            Self.appendInteger(&out, u % 60)
            u /= 60
            if u > 0 {
                out.append(UInt8(ascii: "m"))
                Self.appendInteger(&out, u % 60)
                u /= 60
                if u > 0 {
                    out.append(UInt8(ascii: "h"))
                    Self.appendInteger(&out, u)
                }
            }
        }
        if negative { out.append(UInt8(ascii: "-")) }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// Appends (backwards) the fraction of `value / 10^precision` without trailing zeros, and returns the integer part.
    private static func appendFraction(_ out: inout [UInt8], _ value: UInt64, precision: Int) -> UInt64 {
        var v = value
        var printing = false
        for _ in 0..<precision {
            let digit = v % 10
            printing = printing || digit != 0
            if printing { out.append(UInt8(ascii: "0") + UInt8(digit)) }
            v /= 10
        }
        if printing { out.append(UInt8(ascii: ".")) }
        return v
    }

    /// Appends (backwards) the decimal digits of `value`.
    private static func appendInteger(_ out: inout [UInt8], _ value: UInt64) {
        var v = value
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try GoDuration.parse(text)
        } catch let error as ConfigError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
