import Multiformats
import PieceCommitment
import Testing

/// Piece CID v1 ↔ v2 conversions and the refusal of CIDs that are not piece CIDs.
@Suite struct PieceCIDTests {
    @Test func v1AndV2RoundTrip() throws {
        for length in [0, 1, 126, 127, 128, 508, 509, 1016, 5000] {
            let digest = try PieceDigest.of((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let v1 = try CID(digest.cid.description)
            let v2 = try CID(digest.cidV2.description)
            #expect(v1.description.hasPrefix("baga6ea4seaq"))
            #expect(v2.description.hasPrefix("bafkzcib"))
            #expect(try PieceCID.commitment(fromV1: v1) == digest.commitment)
            let parsed = try PieceCID.parseV2(v2)
            #expect(parsed.commitment == digest.commitment)
            #expect(parsed.paddedSize == digest.paddedSize)
            #expect(parsed.payloadSize == UInt64(length))
            #expect(try PieceCID.v1(fromV2: v2) == v1)
            #expect(try PieceCID.v2(fromV1: v1, paddedSize: digest.paddedSize, payloadSize: UInt64(length)) == v2)
        }
    }

    @Test func otherCIDsAreRefused() throws {
        let data = try CID("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")
        #expect(throws: PieceCommitmentError.self) { try PieceCID.commitment(fromV1: data) }
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(data) }
        let v2 = try CID("bafkzcibcaaces3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
        #expect(throws: PieceCommitmentError.self) { try PieceCID.commitment(fromV1: v2) }
        let v1 = try CID("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi")
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v1) }
    }

    @Test func malformedV2DigestsAreRefused() throws {
        let commitment = [UInt8](repeating: 0x11, count: 32)
        func v2(_ digest: [UInt8]) throws -> CID {
            CID(codec: .raw, multihash: try Multihash(code: PieceCID.v2HashCode, digest: digest))
        }
        // Height 1 (64 B) and 59 are outside 128 B ... 2^63 B.
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0, 1] + commitment)) }
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0, 59] + commitment)) }
        // Padding 128 exceeds the 127-byte capacity of height 2.
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0x80, 0x01, 2] + commitment)) }
        // Commitment one byte short, one byte long, top bits set.
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0, 2] + commitment.dropLast())) }
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0, 2] + commitment + [0])) }
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0, 2] + commitment.dropLast() + [0xC0])) }
        // A padding varint cut short, and no digest at all.
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([0x80])) }
        #expect(throws: PieceCommitmentError.self) { try PieceCID.parseV2(v2([])) }
        #expect(try PieceCID.parseV2(v2([0, 2] + commitment)).payloadSize == 127)
    }

    @Test func payloadLargerThanThePieceIsRefused() throws {
        let size = try PaddedPieceSize(validating: 256)
        #expect(throws: PieceCommitmentError.self) {
            try PieceCID.v2(ZeroCommitments.piece(size), paddedSize: size, payloadSize: 255)
        }
    }
}
