import InteropSupport
import PieceCommitment
import Testing

/// go-state-types `abi/piece.go` size rules and the payload → padded size rule.
@Suite struct PieceSizeTests {
    @Test func paddedAndUnpadded() throws {
        #expect(try UnpaddedPieceSize(validating: 127).padded.rawValue == 128)
        #expect(try UnpaddedPieceSize(validating: 2032).padded.rawValue == 2048)
        #expect(try PaddedPieceSize(validating: 2048).unpadded.rawValue == 2032)
        #expect(try PaddedPieceSize(validating: 32 << 30).treeHeight == 30)
        for bad: UInt64 in [0, 64, 127, 129, 192, 3 << 10] {
            #expect(throws: PieceCommitmentError.self) { try PaddedPieceSize(validating: bad) }
        }
        for bad: UInt64 in [0, 126, 128, 254 + 127, 127 * 3, 127 << 57] {
            #expect(throws: PieceCommitmentError.self) { try UnpaddedPieceSize(validating: bad) }
        }
        #expect(try UnpaddedPieceSize(validating: 127 << 56).padded.rawValue == 1 << 63)
    }

    @Test func paddedSizeOfPayload() throws {
        let cases: [(UInt64, UInt64)] = [
            (0, 128), (1, 128), (127, 128), (128, 256), (254, 256), (255, 512), (1016, 1024), (1017, 2048),
            (127 << 20, 128 << 20), ((127 << 20) + 1, 256 << 20), (PaddedPieceSize.maximum.unpadded.rawValue, 1 << 36),
        ]
        for (payload, padded) in cases {
            #expect(try PaddedPieceSize.forPayload(payload).rawValue == padded, "\(payload)")
        }
        #expect(throws: PieceCommitmentError.self) { try PaddedPieceSize.forPayload(PaddedPieceSize.maximum.unpadded.rawValue + 1) }
    }

    @Test func fr32RoundTripsAndClearsTopBits() throws {
        let payload = InteropFiles.bytes(127 * 9, seed: 7)
        let padded = try Fr32.pad(payload)
        #expect(padded.count == 128 * 9)
        for node in stride(from: 0, to: padded.count, by: 32) { #expect(padded[node + 31] & 0xC0 == 0) }
        #expect(try Fr32.unpad(padded) == payload)
        #expect(try Fr32.pad([UInt8](repeating: 0xFF, count: 127)).prefix(32) == [UInt8](repeating: 0xFF, count: 31) + [0x3F])
        #expect(throws: PieceCommitmentError.self) { try Fr32.pad([1, 2, 3]) }
        #expect(throws: PieceCommitmentError.self) { try Fr32.unpad([1, 2, 3]) }
    }
}
