/// An IPv4 address, as in the `/ip4` multiaddr component.
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// The address as a big-endian number: `127.0.0.1` is `0x7F00_0001`.
    public let rawValue: UInt32

    /// Wraps a big-endian address number.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The address with octets `a.b.c.d`.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad such as `192.0.2.42`: four decimal octets 0...255, no leading zeros (which some
    /// parsers read as octal), as Go's `net.ParseIP` requires.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue``.
    public init(_ text: some StringProtocol) throws(MultiformatsError) {
        guard let value = Self.parse(Array(text.utf8)[...]) else {
            throw MultiformatsError(
                .invalidValue, "ip4: '\(text.prefix(64))' is not a dotted-quad IPv4 address such as 192.0.2.42")
        }
        rawValue = value
    }

    /// Reads exactly four bytes in network order.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` for another length.
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        guard bytes.count == 4 else {
            throw MultiformatsError(.invalidValue, "ip4: an IPv4 address is 4 bytes, got \(bytes.count)")
        }
        rawValue = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The four bytes in network order.
    public var bytes: [UInt8] {
        [UInt8(truncatingIfNeeded: rawValue >> 24), UInt8(truncatingIfNeeded: rawValue >> 16),
         UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)]
    }

    /// The dotted quad.
    public var description: String {
        bytes.map { String($0) }.joined(separator: ".")
    }

    /// Parses a dotted quad from ASCII, or returns nil; shared with IPv6's embedded IPv4 form.
    static func parse(_ chars: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        var octet: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for char in chars {
            if char == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | octet
                octets += 1
                octet = 0
                digits = 0
            } else if char >= UInt8(ascii: "0") && char <= UInt8(ascii: "9") {
                if digits == 0 { leadingZero = char == UInt8(ascii: "0") } else if leadingZero { return nil }
                digits += 1
                octet = octet * 10 + UInt32(char - UInt8(ascii: "0"))
                guard digits <= 3, octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return value << 8 | octet
    }
}
