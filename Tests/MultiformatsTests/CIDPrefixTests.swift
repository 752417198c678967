import Multiformats
import Testing

/// `CID.prefix(of:)`: the CID at the start of a CAR section and its length, the block bytes left alone.
@Suite struct CIDPrefixTests {
    @Test func v1AndV0PrefixesAndTheirLengths() throws {
        let v1 = try CID("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")
        let (parsed, length) = try CID.prefix(of: v1.bytes + [1, 2, 3])
        #expect(parsed == v1 && length == v1.bytes.count)
        let v0 = try CID("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n")
        let (parsed0, length0) = try CID.prefix(of: v0.bytes + [0x12, 0x20])
        #expect(parsed0 == v0 && length0 == 34)
    }

    @Test func cutShortOrUnknownVersionsAreErrors() throws {
        let v1 = try CID("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku").bytes
        for cut in 0..<v1.count {
            #expect(throws: MultiformatsError.self) { try CID.prefix(of: v1[0..<cut]) }
        }
        #expect(throws: MultiformatsError.self) { try CID.prefix(of: [0x02, 0x55, 0x12, 0x20] + [UInt8](repeating: 0, count: 32)) }
        #expect(throws: MultiformatsError.self) { try CID.prefix(of: [0x01, 0x55, 0x12, 0x21] + [UInt8](repeating: 0, count: 33)) }
    }
}
