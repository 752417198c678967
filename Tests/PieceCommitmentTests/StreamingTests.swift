import InteropSupport
import PieceCommitment
import Testing

/// The streaming builder: how the input is split and how many chunks are hashed at once change nothing.
@Suite struct StreamingTests {
    @Test func splitsAndParallelismGiveTheSameCommitment() throws {
        // Three full 1 MiB-padded chunks and a partial one: chunk roots, the pending stack and a zero-filled tail.
        let payload = InteropFiles.bytes(CommPBuilder.chunkPayload * 3 + 5000, seed: 3)
        let whole = try PieceDigest.of(payload)
        #expect(whole.paddedSize.rawValue == 4 << 20)
        for parallelism in [1, 2, 3] {
            let builder = CommPBuilder(parallelism: parallelism)
            var offset = 0
            var step = 1
            while offset < payload.count {
                let end = min(payload.count, offset + step)
                try builder.update(payload[offset..<end])
                offset = end
                step = step * 7 % 1_500_007 + 13
            }
            #expect(try builder.finish() == whole, "parallelism \(parallelism)")
        }
    }

    @Test func exactChunkMultiples() throws {
        for chunks in [1, 2, 4] {
            let payload = InteropFiles.bytes(CommPBuilder.chunkPayload * chunks, seed: UInt64(chunks))
            let one = try PieceDigest.of(payload)
            let builder = CommPBuilder(parallelism: 2)
            try builder.update(payload)
            #expect(try builder.finish() == one)
            #expect(one.paddedSize.rawValue == UInt64(chunks) << 20)
        }
    }

    @Test func misuseIsAnError() throws {
        let builder = CommPBuilder()
        _ = try builder.finish()
        #expect(throws: PieceCommitmentError.self) { try builder.finish() }
        #expect(throws: PieceCommitmentError.self) { try builder.update([1, 2, 3]) }
    }
}
