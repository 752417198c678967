/// A strict, allocation-light JSON validator that finds the extent of values without building them.
///
/// The JSON-RPC envelope is split with it (method, id and each positional param as a byte range), so
/// only params are handed to `JSONDecoder`, one at a time, and the id is echoed back byte for byte.
/// Hostile input is bounded: nesting deeper than ``maxDepth`` is a parse error, never a stack overflow.
struct JSONScanner {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    static let maxDepth = 256

    let bytes: [UInt8]
    var index: Int

    init(_ bytes: [UInt8], at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Skips one value and returns its byte range.
    mutating func skipValue(depth: Int = 0) throws -> Range<Int> {
        skipWhitespace()
        guard depth < JSONScanner.maxDepth else { throw fail("nesting deeper than \(JSONScanner.maxDepth)") }
        guard let first = peek() else { throw fail("unexpected end of input") }
        let start = index
        switch first {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return start..<index
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw fail("expected an object key") }
                _ = try skipString()
                try expect(UInt8(ascii: ":"))
                _ = try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek() else { throw fail("unterminated object") }
                index += 1
                if next == UInt8(ascii: "}") { return start..<index }
                guard next == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in object") }
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return start..<index
            }
            while true {
                _ = try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek() else { throw fail("unterminated array") }
                index += 1
                if next == UInt8(ascii: "]") { return start..<index }
                guard next == UInt8(ascii: ",") else { throw fail("expected ',' or ']' in array") }
            }
        case UInt8(ascii: "\""):
            _ = try skipString()
            return start..<index
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw fail("unexpected character")
        }
        return start..<index
    }

    /// Skips a string; returns whether it contained escapes (then it must be decoded, not copied).
    mutating func skipString() throws -> Bool {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                index += 1
                guard let next = peek() else { throw fail("unterminated escape") }
                switch next {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        guard let hex = peek(), hex.isHexDigit else { throw fail("bad \\u escape") }
                        index += 1
                    }
                default: throw fail("bad escape")
                }
            case 0x00..<0x20:
                throw fail("control character in string")
            case 0x80...0xFF:
                try skipUTF8Sequence()
            default:
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func skipUTF8Sequence() throws {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)
        default: throw fail("invalid UTF-8 in string")
        }
        guard index + length <= bytes.count else { throw fail("truncated UTF-8 in string") }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (min, max) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= min && byte <= max else { throw fail("invalid UTF-8 in string") }
        }
        index += length
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw fail("invalid literal") }
        index += count
    }

    private mutating func skipNumber() throws {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), first.isDigit else { throw fail("invalid number") }
        index += 1
        if first != UInt8(ascii: "0") { while let d = peek(), d.isDigit { index += 1 } }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let d = peek(), d.isDigit else { throw fail("invalid number") }
            while let d = peek(), d.isDigit { index += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let d = peek(), d.isDigit else { throw fail("invalid number") }
            while let d = peek(), d.isDigit { index += 1 }
        }
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
