import MinerConfig
import Testing

/// `GoDuration` against Go's `time.ParseDuration` / `Duration.String()`, and `FIL` against Lotus `types.FIL`.
struct GoDurationTests {
    static let parsed: [(String, Int64)] = [
        ("24h0m0s", 86_400_000_000_000),
        ("30s", 30_000_000_000),
        ("1m0s", 60_000_000_000),
        ("250ms", 250_000_000),
        ("1.5h", 5_400_000_000_000),
        ("-5m", -300_000_000_000),
        ("0s", 0),
        ("0", 0),
        ("+3s", 3_000_000_000),
        ("1h30m", 5_400_000_000_000),
        ("2h45m30.5s", 9_930_500_000_000),
        (".5s", 500_000_000),
        ("1.s", 1_000_000_000),
        ("10us", 10_000),
        ("10µs", 10_000),
        ("10μs", 10_000),
        ("7ns", 7),
        ("9223372036854775807ns", .max),
        ("-9223372036854775808ns", .min),
        ("0.000000001s", 1),
    ]

    @Test(arguments: parsed)
    func parsesLikeGo(text: String, nanoseconds: Int64) throws {
        #expect(try GoDuration.parse(text).nanoseconds == nanoseconds)
    }

    static let formatted: [(Int64, String)] = [
        (86_400_000_000_000, "24h0m0s"),
        (30_000_000_000, "30s"),
        (300_000_000_000, "5m0s"),
        (250_000_000, "250ms"),
        (0, "0s"),
        (1_209_600_000_000_000, "336h0m0s"),
        (5_400_000_000_000, "1h30m0s"),
        (1_500_000_000, "1.5s"),
        (1_500_000, "1.5ms"),
        (1_000, "1µs"),
        (1, "1ns"),
        (-300_000_000_000, "-5m0s"),
        (61_000_000_001, "1m1.000000001s"),
        (.max, "2562047h47m16.854775807s"),
        (.min, "-2562047h47m16.854775808s"),
    ]

    @Test(arguments: formatted)
    func formatsLikeGo(nanoseconds: Int64, text: String) throws {
        let duration = GoDuration(nanoseconds: nanoseconds)
        #expect(duration.description == text)
        #expect(try GoDuration.parse(text) == duration)
    }

    @Test(arguments: ["", "3d", "1", "h", "-", ".", "1.5", "5 m", "1h 30m", "9223372036854775808ns", "abc"])
    func refusesWhatGoRefuses(text: String) {
        #expect(throws: ConfigError.self) { try GoDuration.parse(text) }
    }

    @Test func errorSaysWhatWasExpected() {
        do {
            _ = try GoDuration.parse("3d")
            Issue.record("parsed 3d")
        } catch let error as ConfigError {
            #expect(error.message.hasPrefix("expected a Go duration such as \"24h0m0s\" or \"30s\", got \"3d\""))
            #expect(error.message.contains("unknown unit \"d\""))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func convertsToSwiftDuration() {
        #expect(GoDuration.minutes(5).duration == .seconds(300))
        #expect(GoDuration(.milliseconds(1500)) == .milliseconds(1500))
        #expect(GoDuration.hours(1) > .minutes(59))
    }
}

struct FILTests {
    static let parsed: [(String, Int128)] = [
        ("0.05", 50_000_000_000_000_000),
        ("0.05 FIL", 50_000_000_000_000_000),
        ("5 FIL", 5_000_000_000_000_000_000),
        ("5FIL", 5_000_000_000_000_000_000),
        ("5 fil", 5_000_000_000_000_000_000),
        ("1000 attofil", 1000),
        ("1000 afil", 1000),
        ("1000 AttoFIL", 1000),
        ("1000aFIL", 1000),
        ("0 FIL", 0),
        ("0.00000000032 FIL", 320_000_000),
        ("-1.5", -1_500_000_000_000_000_000),
        ("0.000000000000000001", 1),
        ("2000000000", 2_000_000_000_000_000_000_000_000_000),
        (".5", 500_000_000_000_000_000),
        ("1.50000000000000000000", 1_500_000_000_000_000_000),
    ]

    @Test(arguments: parsed)
    func parsesLikeLotus(text: String, attoFIL: Int128) throws {
        #expect(try FIL.parse(text).attoFIL == attoFIL)
    }

    static let formatted: [(Int128, String)] = [
        (0, "0 FIL"),
        (50_000_000_000_000_000, "0.05 FIL"),
        (320_000_000, "0.00000000032 FIL"),
        (5_000_000_000_000_000_000, "5 FIL"),
        (25_000_000_000_000_000, "0.025 FIL"),
        (1, "0.000000000000000001 FIL"),
        (-1_500_000_000_000_000_000, "-1.5 FIL"),
        (2_000_000_000_000_000_000_000_000_000, "2000000000 FIL"),
        (1_234_567_890_123_456_789_012, "1234.567890123456789012 FIL"),
    ]

    @Test(arguments: formatted)
    func formatsLikeLotus(attoFIL: Int128, text: String) throws {
        let amount = FIL(attoFIL: attoFIL)
        #expect(amount.description == text)
        #expect(try FIL.parse(text) == amount)
    }

    @Test(arguments: ["", "FIL", "lots", "0.05 BTC", "1e3", "1/2", "1.2.3", "--1", "0.0000000000000000001", "1.5 afil"])
    func refusesWhatLotusRefuses(text: String) {
        #expect(throws: ConfigError.self) { try FIL.parse(text) }
    }

    @Test func errorSaysWhatWasExpected() {
        #expect(throws: ConfigError(message: "expected a FIL amount such as \"0.05 FIL\", got \"lots\"")) {
            try FIL.parse("lots")
        }
    }

    @Test func arithmeticAndCodable() throws {
        let base = try FIL.parse("0.1")
        let perSector = try FIL.parse("0.02")
        #expect(BatchFeeConfig(base: base, perSector: perSector).maxFee(sectors: 5).description == "0.2 FIL")
        #expect(FIL(whole: 3) - base == (try FIL.parse("2.9")))
        #expect(FIL.zero < base)
    }
}
