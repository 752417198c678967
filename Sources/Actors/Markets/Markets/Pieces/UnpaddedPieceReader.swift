import APICore
import PieceCommitment

/// Bytes `start..<end` of a piece, unpadded from its Fr32-padded copy as the padded bytes arrive — from a file this
/// node reads (``SubsystemSupport/FileRangeReader``) or from another node's `/remote` alike. The padded bytes begin at the first
/// 128-byte block the range touches (``paddedRange(start:end:)``); each whole block is unpadded to 127 bytes and the
/// result cut to the range. An actor because it owns the padded stream's iterator; one chunk in, at most one out.
public actor UnpaddedPieceReader {
    private var input: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
    /// Padded bytes received and not yet unpadded (less than one block between calls).
    private var pending: [UInt8] = []
    /// Unpadded bytes still to drop before `start` (only in the first block).
    private var skip: Int
    private var remaining: UInt64

    /// The padded bytes, relative to the piece, that hold unpadded bytes `start..<end`: whole 128-byte blocks.
    /// `start < end`, both at most the piece's unpadded size.
    public static func paddedRange(start: UInt64, end: UInt64) -> Range<UInt64> {
        (start / 127 * 128)..<((end - 1) / 127 + 1) * 128
    }

    /// - Parameter padded: the bytes of ``paddedRange(start:end:)``, in chunks of any size.
    public init(padded: AsyncThrowingStream<[UInt8], any Error>, start: UInt64, end: UInt64) {
        self.input = padded.makeAsyncIterator()
        self.skip = Int(start % 127)
        self.remaining = end > start ? end - start : 0
    }

    /// The next unpadded chunk, or `nil` once the range is read.
    /// - Throws: ``APICore/RPCError`` when the padded copy ends inside the range; the source's error as it is.
    public func next() async throws -> [UInt8]? {
        while remaining > 0 {
            let whole = pending.count / 128 * 128
            if whole > 0 {
                var unpadded = try Fr32.unpad(whole == pending.count ? pending : Array(pending[..<whole]))
                pending = whole == pending.count ? [] : Array(pending[whole...])
                if skip > 0 {
                    unpadded.removeFirst(min(skip, unpadded.count))
                    skip = 0
                }
                if UInt64(unpadded.count) > remaining { unpadded.removeLast(unpadded.count - Int(remaining)) }
                remaining -= UInt64(unpadded.count)
                if !unpadded.isEmpty { return unpadded }
                continue
            }
            // The iterator is taken out across the wait (an actor's stored property cannot be mutated across a
            // suspension); one consumer pulls at a time, so nothing else touches it meanwhile.
            var iterator = input
            let next = try await iterator.next(isolation: self)
            input = iterator
            guard let chunk = next else {
                throw RPCError(.methodError, "the unsealed copy ends inside the piece (\(remaining) bytes missing)")
            }
            if pending.isEmpty { pending = chunk } else { pending += chunk }
        }
        return nil
    }

    /// The range as a stream of chunks.
    public nonisolated var chunks: AsyncThrowingStream<[UInt8], any Error> { AsyncThrowingStream(unfolding: { try await self.next() }) }
}
