import CSHA256
import InteropSupport
import Multiformats
import PieceCommitment
import Testing

/// The C node hash (SHA-NI on this CPU when it has it) against the portable C path and swift-crypto's SHA-256.
@Suite struct TreeHashTests {
    @Test func nodeHashMatchesSHA256TruncatedOnBothPaths() {
        // Odd and even pair counts: the SHA-NI path hashes two pairs at a time and one alone at the end.
        for pairs in [1, 2, 3, 8, 33] {
            let input = InteropFiles.bytes(64 * pairs, seed: UInt64(pairs) + 42)
            var selected = [UInt8](repeating: 0, count: 32 * pairs)
            var portable = [UInt8](repeating: 0, count: 32 * pairs)
            input.withUnsafeBufferPointer { source in
                selected.withUnsafeMutableBufferPointer { lotus_sha256_trunc254_pairs(source.baseAddress, $0.baseAddress, pairs) }
                portable.withUnsafeMutableBufferPointer { lotus_sha256_trunc254_pairs_portable(source.baseAddress, $0.baseAddress, pairs) }
            }
            #expect(selected == portable, "\(pairs) pairs")
            for pair in 0..<pairs {
                var expected = Multihash.sha2_256(of: input[(64 * pair)..<(64 * pair + 64)]).digest
                expected[31] &= 0x3F
                #expect(Array(selected[(32 * pair)..<(32 * pair + 32)]) == expected, "pair \(pair)")
            }
        }
    }

    @Test func inPlaceReductionMatchesSeparateOutput() {
        var buffer = InteropFiles.bytes(64 * 16, seed: 9)
        var separate = [UInt8](repeating: 0, count: 32 * 16)
        buffer.withUnsafeBufferPointer { source in
            separate.withUnsafeMutableBufferPointer { lotus_sha256_trunc254_pairs(source.baseAddress, $0.baseAddress, 16) }
        }
        buffer.withUnsafeMutableBufferPointer { lotus_sha256_trunc254_pairs($0.baseAddress, $0.baseAddress, 16) }
        #expect(Array(buffer.prefix(32 * 16)) == separate)
    }

    @Test func compressMatchesSHA256OfOneBlockMessage() {
        // SHA-256("abc") is one compression of the padded block from the IV.
        var block = [UInt8](repeating: 0, count: 64)
        block[0] = 0x61; block[1] = 0x62; block[2] = 0x63; block[3] = 0x80; block[63] = 24
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        state.withUnsafeMutableBufferPointer { words in
            block.withUnsafeBufferPointer { lotus_sha256_compress(words.baseAddress, $0.baseAddress, 1) }
        }
        let hex = state.map { word in String(word, radix: 16).leftPadded(to: 8) }.joined()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func parentOfCommitments() throws {
        let zero = ZeroCommitments.root(level: 0)
        #expect(Commitment.parent(zero, zero) == ZeroCommitments.root(level: 1))
        #expect(throws: PieceCommitmentError.self) { try Commitment(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(throws: PieceCommitmentError.self) { try Commitment(bytes: [UInt8](repeating: 0xFF, count: 32)) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
