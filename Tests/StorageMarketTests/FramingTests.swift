import StorageMarket
import Testing

/// ``CBORFraming`` finds where the first item ends, asks for more bytes while it is incomplete, and refuses what
/// cannot be framed — with checked arithmetic on every declared length.
@Suite("CBOR framing")
struct FramingTests {
    func length(_ bytes: [UInt8], maxDepth: Int = 64, maxItemBytes: Int = CBORFraming.defaultMaxItemBytes) throws -> Int? {
        try CBORFraming.firstItemLength(bytes, maxDepth: maxDepth, maxItemBytes: maxItemBytes)
    }

    @Test("each sample message is one item; what follows it is not looked at")
    func messages() throws {
        for (name, bytes) in try Samples.encodedMessages() {
            #expect(try length(bytes) == bytes.count, "\(name)")
            #expect(try length(bytes + [0xFF, 0x1F, 0x5B]) == bytes.count, "\(name) with garbage after it")
            #expect(try length(bytes + bytes) == bytes.count, "\(name) twice")
        }
    }

    @Test("every proper prefix of a message needs more bytes")
    func prefixes() throws {
        for (name, bytes) in try Samples.encodedMessages() {
            for count in 0..<bytes.count {
                #expect(try length(Array(bytes.prefix(count))) == nil, "\(name) cut at \(count)")
            }
        }
    }

    @Test("a slice that does not start at index 0")
    func slice() throws {
        let bytes: [UInt8] = [0x99, 0x99, 0x82, 0x01, 0x41, 0x00, 0x07]
        #expect(try CBORFraming.firstItemLength(bytes[2...]) == 4)
        #expect(try CBORFraming.firstItemLength(bytes[2..<5]) == nil)
    }

    @Test("scalars, floats, simple values, tags, empty containers")
    func itemKinds() throws {
        #expect(try length([0x00]) == 1)
        #expect(try length([0x1B, 0, 0, 0, 0, 0, 0, 0, 1]) == 9)
        #expect(try length([0x1B, 0, 0]) == nil)
        #expect(try length([0x38, 0xFF]) == 2)
        #expect(try length([0xF9, 0x3C, 0x00]) == 3)  // half-precision 1.0
        #expect(try length([0xFB, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]) == 9)
        #expect(try length([0xF8, 0x20]) == 2)
        #expect(try length([0xF4]) == 1)
        #expect(try length([0x80]) == 1)
        #expect(try length([0xA0]) == 1)
        #expect(try length([0xD8, 0x2A, 0x42, 0x00, 0x01]) == 5)
        #expect(try length([0xA1, 0x61, 0x61, 0xA1, 0x61, 0x62, 0x80]) == 7)
        #expect(try length([0x62, 0x61]) == nil)
        #expect(try length([]) == nil)
    }

    @Test("reserved additional info, indefinite lengths and a stray break throw")
    func malformedHeads() {
        for major: UInt8 in 0...7 {
            for info: UInt8 in 28...31 {
                #expect(throws: WireFormatError.self, "major \(major) info \(info)") { try length([major << 5 | info, 0x00, 0x00]) }
            }
        }
        #expect(throws: WireFormatError.self) { try length([0x82, 0x01, 0x5F, 0x41, 0x00, 0xFF]) }
    }

    @Test("declared lengths up to 2^64-1 throw instead of trapping or waiting for bytes")
    func hugeLengths() throws {
        let max: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        let sixtyThree: [UInt8] = [0x80, 0, 0, 0, 0, 0, 0, 0]
        for head: UInt8 in [0x5B, 0x7B, 0x9B, 0xBB] {
            #expect(throws: WireFormatError.self) { try length([head] + max) }
            #expect(throws: WireFormatError.self) { try length([head] + sixtyThree) }
            #expect(throws: WireFormatError.self) { try length([0x82, 0x00, head] + max) }
        }
        #expect(throws: WireFormatError.self) { try length([0x5A, 0x00, 0x10, 0x00, 0x00]) }  // 1 MiB of content + a 5-byte head
        #expect(try length([0x5A, 0x00, 0x0F, 0xFF, 0xFB]) == nil)  // exactly 1 MiB with its head: wait for it
        #expect(throws: WireFormatError.self) { try length([0xBA, 0x00, 0x08, 0x00, 0x01]) }  // 2^19+1 pairs need > 1 MiB
    }

    @Test("the item size limit: a longer item, or a full buffer with no complete item, throws")
    func sizeLimit() throws {
        let item: [UInt8] = [0x58, 0x20] + [UInt8](repeating: 7, count: 32)
        #expect(try length(item, maxItemBytes: 34) == 34)
        #expect(throws: WireFormatError.self) { try length(item, maxItemBytes: 33) }
        #expect(throws: WireFormatError.self) { try length([0x58, 0x21] + [UInt8](repeating: 7, count: 10), maxItemBytes: 34) }
        #expect(try length([0x82, 0x00], maxItemBytes: 3) == nil)
        #expect(throws: WireFormatError.self) { try length([0x83, 0x00, 0x00], maxItemBytes: 3) }
        #expect(throws: WireFormatError.self) { try length([0x84, 0x00], maxItemBytes: 3) }  // 4 items cannot fit 3 bytes
        #expect(try length([0x00], maxItemBytes: -5) == 1)
    }

    @Test("nesting: 64 levels pass, 65 throw, however long the input")
    func depth() throws {
        #expect(try length([UInt8](repeating: 0x81, count: 64) + [0x00]) == 65)
        #expect(throws: WireFormatError.self) { try length([UInt8](repeating: 0x81, count: 65) + [0x00]) }
        #expect(throws: WireFormatError.self) { try length([UInt8](repeating: 0xC1, count: 100_000)) }  // tags nest too
        #expect(throws: WireFormatError.self) { try length([UInt8](repeating: 0xA1, count: 200) ) }
        #expect(try length([0x82, 0x81, 0x00, 0x00], maxDepth: 2) == 4)
        #expect(throws: WireFormatError.self) { try length([0x81, 0x81, 0x81, 0x00], maxDepth: 2) }
        #expect(throws: WireFormatError.self) { try length([0x80], maxDepth: 0) }
        #expect(try length([0x00], maxDepth: -1) == 1)
    }
}
