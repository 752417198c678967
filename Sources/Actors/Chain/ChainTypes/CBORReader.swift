/// Reads the DAG-CBOR subset ``CBORWriter`` writes, strictly: heads must be in the shortest form, lengths
/// definite and within the input, so every object has exactly one accepted encoding and its CID is stable.
public struct CBORReader: Sendable {
    /// A malformed or unexpected CBOR input; ``message`` says what was found at which offset.
    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        /// What was wrong and where.
        public var message: String
        public var description: String { message }
    }

    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var offset = 0

    /// A reader over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    private func failure(_ message: String) -> Failure {
        Failure(message: "CBOR at byte \(offset): \(message)")
    }

    private mutating func byte() throws(Failure) -> UInt8 {
        guard offset < bytes.count else { throw failure("unexpected end of input") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a head and returns its major type and argument.
    public mutating func head() throws(Failure) -> (major: UInt8, value: UInt64) {
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        let value: UInt64
        switch info {
        case 0..<24:
            value = UInt64(info)
        case 24, 25, 26, 27:
            let count = 1 << Int(info - 24)
            var result: UInt64 = 0
            for _ in 0..<count { result = result << 8 | UInt64(try byte()) }
            let minimum: UInt64 = [24, 0x100, 0x1_0000, 0x1_0000_0000][Int(info - 24)]
            guard result >= minimum else { throw failure("head is not in the shortest form") }
            value = result
        default:
            throw failure("indefinite lengths and reserved additional info \(info) are not allowed")
        }
        return (major, value)
    }

    private mutating func expect(major: UInt8, _ what: String) throws(Failure) -> UInt64 {
        let start = offset
        let (found, value) = try head()
        guard found == major else {
            offset = start
            throw failure("expected \(what), found major type \(found)")
        }
        return value
    }

    /// Reads an unsigned integer.
    public mutating func unsigned() throws(Failure) -> UInt64 { try expect(major: 0, "an unsigned integer") }

    /// Reads a signed integer that fits an `Int64`.
    public mutating func integer() throws(Failure) -> Int64 {
        let start = offset
        let (major, value) = try head()
        switch major {
        case 0 where value <= UInt64(Int64.max): return Int64(value)
        case 1 where value <= UInt64(Int64.max): return -1 - Int64(value)
        default:
            offset = start
            throw failure("expected an integer that fits 64 bits")
        }
    }

    /// Reads a byte string.
    public mutating func byteString() throws(Failure) -> [UInt8] {
        let count = try expect(major: 2, "a byte string")
        return try take(count)
    }

    /// Reads a text string (must be UTF-8).
    public mutating func textString() throws(Failure) -> String {
        let count = try expect(major: 3, "a text string")
        let raw = try take(count)
        guard let text = String(validating: raw, as: UTF8.self) else { throw failure("text string is not UTF-8") }
        return text
    }

    private mutating func take(_ count: UInt64) throws(Failure) -> [UInt8] {
        guard count <= UInt64(bytes.count - offset) else { throw failure("length \(count) runs past the end") }
        defer { offset += Int(count) }
        return Array(bytes[offset..<offset + Int(count)])
    }

    /// Reads an array head and returns its item count.
    public mutating func arrayHeader() throws(Failure) -> Int {
        let count = try expect(major: 4, "an array")
        guard count <= UInt64(bytes.count - offset) else { throw failure("array of \(count) items runs past the end") }
        return Int(count)
    }

    /// Reads an array head and checks it has exactly `count` items.
    public mutating func arrayHeader(count expected: Int, of what: String) throws(Failure) {
        let start = offset
        let count = try arrayHeader()
        guard count == expected else {
            offset = start
            throw failure("\(what) must be an array of \(expected) items, found \(count)")
        }
    }

    /// Reads a map head and returns its pair count (each pair's key and value follow).
    public mutating func mapHeader() throws(Failure) -> Int {
        let count = try expect(major: 5, "a map")
        guard count <= UInt64(bytes.count - offset) / 2 else { throw failure("map of \(count) pairs runs past the end") }
        return Int(count)
    }

    /// Reads a boolean (simple value 20 or 21).
    public mutating func bool() throws(Failure) -> Bool {
        guard offset < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[offset] {
        case 0xF4:
            offset += 1
            return false
        case 0xF5:
            offset += 1
            return true
        default:
            throw failure("expected a boolean, found initial byte \(bytes[offset])")
        }
    }

    /// Skips one complete item of any kind (an unknown map field's value), with the same head rules as the other
    /// reads; floats (major type 7, additional info 25–27) are skipped by their size. Containers and tags may nest
    /// at most `maxDepth` deep.
    public mutating func skipItem(maxDepth: Int = 64) throws(Failure) {
        var pending = 1
        var open: [Int] = []
        while pending > 0 || !open.isEmpty {
            if pending == 0 {
                pending = open.removeLast()
                continue
            }
            pending -= 1
            guard offset < bytes.count else { throw failure("unexpected end of input") }
            let initial = bytes[offset]
            if initial >> 5 == 7 {
                let info = initial & 0x1F
                let size: Int
                switch info {
                case 0..<24: size = 1
                case 24: size = 2
                case 25: size = 3
                case 26: size = 5
                case 27: size = 9
                default: throw failure("indefinite lengths and reserved additional info \(info) are not allowed")
                }
                guard size <= bytes.count - offset else { throw failure("simple value or float runs past the end") }
                offset += size
                continue
            }
            let (major, value) = try head()
            let children: UInt64
            switch major {
            case 2, 3:
                guard value <= UInt64(bytes.count - offset) else { throw failure("length \(value) runs past the end") }
                offset += Int(value)
                continue
            case 4: children = value
            case 5:
                guard value <= UInt64(bytes.count - offset) / 2 else { throw failure("map of \(value) pairs runs past the end") }
                children = value * 2
            case 6: children = 1
            default: continue
            }
            guard children <= UInt64(bytes.count - offset) else { throw failure("container of \(children) items runs past the end") }
            guard open.count < maxDepth else { throw failure("items nest deeper than \(maxDepth) levels") }
            open.append(pending)
            pending = Int(children)
        }
    }

    /// Reads `null` and returns true, or returns false (reading nothing) if the next item is something else.
    public mutating func null() -> Bool {
        guard offset < bytes.count, bytes[offset] == 0xF6 else { return false }
        offset += 1
        return true
    }

    /// Reads a go-state-types `big.Int` byte string.
    public mutating func bigInt() throws(Failure) -> TokenAmount {
        let raw = try byteString()
        let canonical = raw.isEmpty || (raw.count >= 2 && raw[1] != 0)
        guard canonical, let amount = TokenAmount(bigIntBytes: raw) else {
            throw failure("not a valid big integer (sign byte 0 or 1, magnitude up to 127 bits, no leading zeros)")
        }
        return amount
    }

    /// Reads a CID link (tag 42) and returns the binary CID without its 0x00 prefix.
    public mutating func cidLink() throws(Failure) -> [UInt8] {
        let tag = try expect(major: 6, "a CID link (tag 42)")
        guard tag == 42 else { throw failure("expected tag 42, found tag \(tag)") }
        let raw = try byteString()
        guard raw.first == 0, raw.count > 1 else { throw failure("CID link must start with the 0x00 multibase prefix") }
        return Array(raw.dropFirst())
    }
}
