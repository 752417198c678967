/// An IPv6 address, as in the `/ip6` multiaddr component.
///
/// Parses what Go's `net.ParseIP` accepts for IPv6 (hex groups, one `::`, a trailing dotted IPv4) and prints
/// RFC 5952 text as go-multiaddr does: lower case, the longest run of two or more zero groups as `::`, and
/// IPv4-mapped addresses as `::ffff:1.2.3.4`.
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes in network order.
    public let bytes: [UInt8]

    /// Reads exactly sixteen bytes in network order.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue`` for another length.
    public init(bytes: some Collection<UInt8>) throws(MultiformatsError) {
        guard bytes.count == 16 else {
            throw MultiformatsError(.invalidValue, "ip6: an IPv6 address is 16 bytes, got \(bytes.count)")
        }
        self.bytes = Array(bytes)
    }

    /// The IPv4-mapped address `::ffff:a.b.c.d`.
    public init(ipv4Mapped address: IPv4Address) {
        bytes = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + address.bytes
    }

    /// Parses IPv6 text such as `2001:db8::1`, `::`, `::ffff:192.0.2.1`. No brackets, no `%zone`.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidValue``.
    public init(_ text: some StringProtocol) throws(MultiformatsError) {
        guard let bytes = Self.parse(Array(text.utf8)) else {
            throw MultiformatsError(
                .invalidValue, "ip6: '\(text.prefix(64))' is not an IPv6 address such as 2001:db8::1")
        }
        self.bytes = bytes
    }

    /// The embedded IPv4 address when this is IPv4-mapped (`::ffff:0:0/96`), else nil.
    public var ipv4Mapped: IPv4Address? {
        guard bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF else { return nil }
        return try? IPv4Address(bytes: bytes[12..<16])
    }

    /// RFC 5952 text; IPv4-mapped addresses as `::ffff:a.b.c.d`.
    public var description: String {
        if let v4 = ipv4Mapped { return "::ffff:\(v4)" }
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        // The longest run of at least two zero groups (the first one on a tie) becomes "::".
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        var text = ""
        index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if index > 0 && index != bestStart + bestLength { text += ":" }
            text += String(groups[index], radix: 16)
            index += 1
        }
        return text
    }

    /// Parses IPv6 text from ASCII, or returns nil.
    private static func parse(_ chars: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var ellipsis: Int?
        var index = 0
        if chars.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            index = 2
            if index == chars.count { return [UInt8](repeating: 0, count: 16) }
        }
        while index < chars.count {
            guard out.count < 16 else { return nil }
            // One group: up to four hex digits, or a dotted IPv4 address as the last two groups.
            var value: UInt32 = 0
            var digits = 0
            var end = index
            while end < chars.count, let digit = hexValue(chars[end]) {
                value = value << 4 | UInt32(digit)
                digits += 1
                end += 1
                guard digits <= 4 else { return nil }
            }
            if end < chars.count && chars[end] == UInt8(ascii: ".") {
                guard out.count <= 12, let v4 = IPv4Address.parse(chars[index...]) else { return nil }
                out.append(contentsOf: IPv4Address(rawValue: v4).bytes)
                index = chars.count
                break
            }
            guard digits > 0 else { return nil }
            out.append(UInt8(truncatingIfNeeded: value >> 8))
            out.append(UInt8(truncatingIfNeeded: value))
            index = end
            guard index < chars.count else { break }
            // A group ends with ':' then another group, or with '::' (at most once).
            guard chars[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < chars.count && chars[index] == UInt8(ascii: ":") {
                guard ellipsis == nil else { return nil }
                ellipsis = out.count
                index += 1
                if index == chars.count { break }
            } else if index == chars.count {
                return nil  // a trailing single ':'
            }
        }
        if let ellipsis {
            // "::" stands for at least one zero group.
            guard out.count < 16 else { return nil }
            out.insert(contentsOf: repeatElement(0, count: 16 - out.count), at: ellipsis)
        }
        return out.count == 16 ? out : nil
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
