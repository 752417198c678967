/// The values the fuzzer draws from: boundary numbers per integer kind, hostile strings, and strings learned from
/// the nodes' own replies (addresses, CIDs, peer IDs, multiaddrs), so generated params also reach the code behind
/// the decoders.
public struct SamplePool: Sendable {
    /// Strings known to be meaningful to the nodes, learned from replies; bounded.
    public private(set) var learned: [String]
    /// The most learned strings kept.
    public let capacity: Int

    /// A pool seeded with `known` strings.
    public init(known: [String] = SamplePool.seeds, capacity: Int = 400) {
        self.learned = known
        self.capacity = capacity
    }

    /// Strings every run starts from: well-formed values of the wire types.
    public static let seeds: [String] = [
        "t00", "t01", "t02", "t04", "t05", "t06", "t099", "t01000", "t01001", "f01000",
        "t3vvmn62lofvhjd2ugzca6sof2j2ubwok6cj4xxbfzz4yuxfkgobpihhd2thlanmsh3w2ptld2gqkn2jvlss4a",
        "t410fkkld55ioe7qg24wvt7fu7izkwmbh6ohgw4xxnwy",
        "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4",
        "bafk2bzacecqsw6ld3p6oc3npr4mtubmgsiwhmyj6qdppcl7rsqv5scfpmguee",
        "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf",
        "/ip4/127.0.0.1/tcp/1", "/ip6/::1/tcp/1",
        "0", "1", "1000", "1000000000000000000", "read", "write", "sign", "admin",
        "secp256k1", "ed25519", "bls", "debug", "info", "warn", "error", "AAAA", "",
    ]

    /// Strings chosen to break parsers and arithmetic: numbers at and beyond Int64/UInt64/Int128, signs, huge and
    /// odd text.
    public static let hostileStrings: [String] = [
        "-1", "+1", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616",
        "170141183460469231731687303715884105727", "170141183460469231731687303715884105728",
        "-170141183460469231731687303715884105728", "340282366920938463463374607431768211456",
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
        "1e18", "0x10", "1.5", " 1", "NaN", "t0", "t018446744073709551616", "t09223372036854775808", "t1", "t3", "t4",
        "f4", "t410f", "t0-1", "bafy", "b", "z", "/ip4/999.0.0.1/tcp/1", "/ip4/127.0.0.1/tcp/99999", "/ip4/127.0.0.1/tcp/-1",
        "/p2p/", "//", "/", "=", "====", "\u{0}", "\u{FFFF}", "\u{1F600}", "%", "\\",
        String(repeating: "A", count: 70_000), String(repeating: "t0", count: 5000),
    ]

    /// Number literals beyond or at the edges of Swift's integer types, and other number spellings.
    public static let hostileNumbers: [String] = [
        "0", "-0", "1", "-1", "127", "128", "255", "256", "-129", "2147483647", "2147483648", "-2147483649",
        "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "-18446744073709551616",
        "170141183460469231731687303715884105728", "1e19", "1e308", "1e309", "-1e309", "1.5", "0.0", "1E2", "-0.0",
        "123456789012345678901234567890123456789012345678901234567890", "5e-324",
    ]

    /// In-range boundary values of `T`: zero, one, minus one, the extremes and their neighbours.
    public static func boundaries<T: FixedWidthInteger>(_ type: T.Type) -> [T] {
        var values: [T] = [0, 1, T.max, T.max - 1, 2, 10, 100]
        if T.isSigned { values += [-1, T.min, T.min + 1] }
        if T.bitWidth > 32 { values += [T(truncatingIfNeeded: Int32.max), T(truncatingIfNeeded: UInt32.max)] }
        return values
    }

    /// Adds strings from a reply: short printable ones are kept (they are likely addresses, CIDs, peer IDs).
    public mutating func learn(_ strings: some Sequence<String>) {
        for string in strings where !string.isEmpty && string.utf8.count <= 200 && !learned.contains(string) {
            if learned.count >= capacity { learned.remove(at: SamplePool.seeds.count) }
            learned.append(string)
        }
    }

    /// A string the nodes may accept.
    public func wellFormedString(using random: inout FuzzRandom) -> String { random.pick(learned) }
}
