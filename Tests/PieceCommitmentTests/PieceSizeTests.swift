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
        var generator = SplitMix(seed: 7)
        let payload = (0..<(127 * 9)).map { _ in generator.byte() }
        let padded = try Fr32.pad(payload)
        #expect(padded.count == 128 * 9)
        for node in stride(from: 0, to: padded.count, by: 32) { #expect(padded[node + 31] & 0xC0 == 0) }
        #expect(try Fr32.unpad(padded) == payload)
        #expect(try Fr32.pad([UInt8](repeating: 0xFF, count: 127)).prefix(32) == [UInt8](repeating: 0xFF, count: 31) + [0x3F])
        #expect(throws: PieceCommitmentError.self) { try Fr32.pad([1, 2, 3]) }
        #expect(throws: PieceCommitmentError.self) { try Fr32.unpad([1, 2, 3]) }
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = next()
            for _ in 0..<8 where index < count {
                out[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return out
    }
}
