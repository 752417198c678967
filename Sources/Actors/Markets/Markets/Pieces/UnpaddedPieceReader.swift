import APICore
import PieceCommitment

/// Bytes `start..<end` of a piece, unpadded from its Fr32-padded copy as the padded bytes arrive — from a file this
/// node reads (``SubsystemSupport/FileRangeReader``) or from another node's `/remote` alike. The padded bytes begin at the first
/// 128-byte block the range touches (``paddedRange(start:end:)``); whole blocks, gathered up to ``batchBytes``, are
/// unpadded to 127 bytes each and the result cut to the range. An actor because it owns the padded stream's iterator.
public actor UnpaddedPieceReader {
    private var input: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
    /// Padded bytes received and not yet unpadded (less than one block between calls).
    private var pending: [UInt8] = []
    /// Unpadded bytes still to drop before `start` (only in the first block).
    private var skip: Int
    private var remaining: UInt64
    /// Whether the padded stream has ended.
    private var inputEnded = false

    /// Padded bytes gathered before unpadding, when more are coming: small chunks (16 KiB HTTP/2 frames from another
    /// node's `/remote`) become 1 MiB ones, so whatever consumes them (an HTTP response) does its per-chunk work 64
    /// times less often.
    static let batchBytes = 1 << 20

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
            let enough = whole >= Self.batchBytes || UInt64(whole / 128 * 127) >= remaining + UInt64(skip)
            if whole > 0 && (enough || inputEnded) {
                // Unpadded in place, in the buffer the bytes were read into; a part block stays pending.
                var unpadded: [UInt8] = []
                swap(&unpadded, &pending)
                if whole < unpadded.count { pending = Array(unpadded[whole...]) }
                try Fr32.unpadInPlace(&unpadded, quads: whole / 128)
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
                guard whole > 0, !inputEnded else {
                    throw RPCError(.methodError, "the unsealed copy ends inside the piece (\(remaining) bytes missing)")
                }
                inputEnded = true
                continue
            }
            if pending.isEmpty { pending = chunk } else { pending += chunk }
        }
        return nil
    }

    /// The range as a stream of chunks.
    public nonisolated var chunks: AsyncThrowingStream<[UInt8], any Error> { AsyncThrowingStream(unfolding: { try await self.next() }) }
}
