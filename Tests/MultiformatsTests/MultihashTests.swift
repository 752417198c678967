import Multiformats
import Testing

@Suite struct MultihashTests {
    @Test func sha256OfFoo() throws {
        // sha256("foo") = 2c26b46b…e7ae (Python hashlib); multihash prefix 12 20.
        let hash = Multihash.sha2_256(of: Array("foo".utf8))
        #expect(TestHex.encode(hash.bytes)
            == "12202c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
        #expect(try Multihash(bytes: hash.bytes) == hash)
        #expect(hash.description == "sha2-256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
    }

    @Test func blake2b256HasAThreeByteCode() throws {
        let hash = Multihash.blake2b256(of: [UInt8]())
        #expect(TestHex.encode(hash.bytes.prefix(4)) == "a0e40220")
        #expect(TestHex.encode(hash.digest) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        #expect(try Multihash(bytes: hash.bytes).code == .blake2b_256)
    }

    @Test func identityCarriesTheDataItself() throws {
        let hash = Multihash.identity([1, 2, 3])
        #expect(hash.bytes == [0x00, 0x03, 1, 2, 3])
        #expect(try Multihash(bytes: [0x00, 0x00]).digest.isEmpty)
    }

    @Test func unknownCodesAreCarried() throws {
        let hash = try Multihash(bytes: [0x80, 0x01, 0x02, 0xAA, 0xBB])
        #expect(hash.code.rawValue == 0x80 && hash.digest == [0xAA, 0xBB])
        #expect(hash.code.description == "0x80")
    }

    @Test func rejectsWrongLengthsTruncationAndTrailingBytes() {
        let cases: [([UInt8], MultiformatsError.Kind)] = [
            ([], .truncated),
            ([0x12], .truncated),
            ([0x12, 0x20, 0x01], .truncated),                         // digest cut short
            ([0x12, 0x03, 1, 2, 3], .invalidValue),                   // sha2-256 must be 32 bytes
            ([0x00, 0x01, 0x05, 0x06], .invalidValue),                // trailing byte
            ([0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], .truncated),  // huge length
            ([0x80, 0x00, 0x00], .invalidVarint),                     // non-minimal code
        ]
        for (bytes, kind) in cases {
            let error = #expect(throws: MultiformatsError.self, "\(bytes)") { try Multihash(bytes: bytes) }
            #expect(error?.kind == kind, "\(bytes): \(error?.message ?? "")")
        }
        #expect(throws: MultiformatsError.self) { try Multihash(code: .blake2b_256, digest: [1, 2]) }
    }
}
