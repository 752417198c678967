import PieceCommitment
import Testing

/// `Fr32.unpad` (byte shifts in C) against the definition, bit by bit: node k's 254 low bits are unpadded bits
/// 254k ..< 254k + 254, and its two top bits are dropped.
@Suite("Fr32 unpadding")
struct Fr32UnpadTests {
    /// The definition, one bit at a time.
    static func reference(_ padded: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: padded.count / 128 * 127)
        for quad in 0..<(padded.count / 128) {
            for k in 0..<4 {
                for bit in 0..<254 {
                    let value = (padded[128 * quad + 32 * k + bit / 8] >> UInt8(bit % 8)) & 1
                    let position = 1016 * quad + 254 * k + bit
                    out[position / 8] |= value << UInt8(position % 8)
                }
            }
        }
        return out
    }

    @Test("random quads, top bits set or not, agree with the definition; pad then unpad gives the payload back")
    func againstDefinition() throws {
        var generator = SystemRandomNumberGenerator()
        for quads in [1, 2, 7, 64] {
            let padded = (0..<(128 * quads)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try Fr32.unpad(padded) == Self.reference(padded), "\(quads) quads")
            let payload = (0..<(127 * quads)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try Fr32.unpad(try Fr32.pad(payload)) == payload)
        }
        #expect(try Fr32.unpad([UInt8](repeating: 0xFF, count: 128)) == [UInt8](repeating: 0xFF, count: 127))
    }

    @Test("in place, over the bytes it reads: the same bytes as the definition; blocks after `quads` are dropped")
    func inPlace() throws {
        var generator = SystemRandomNumberGenerator()
        for (quads, extra) in [(0, 0), (1, 0), (3, 5), (64, 128), (2048, 0)] {
            let padded = (0..<(128 * quads + extra)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var bytes = padded
            try Fr32.unpadInPlace(&bytes, quads: quads)
            #expect(bytes == Self.reference(Array(padded.prefix(128 * quads))), "\(quads) quads")
        }
        var short = [UInt8](repeating: 0, count: 255)
        #expect(throws: PieceCommitmentError.self) { try Fr32.unpadInPlace(&short, quads: 2) }
        #expect(throws: PieceCommitmentError.self) { try Fr32.unpadInPlace(&short, quads: -1) }
        #expect(short.count == 255)
    }
}
