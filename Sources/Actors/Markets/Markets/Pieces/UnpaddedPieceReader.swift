import APICore
import Foundation
import PieceCommitment
import Synchronization

/// Reads bytes `start..<end` of a piece unpadded from its Fr32-padded copy: whole 128-byte blocks in chunks of 1 MiB
/// padded, each unpadded to 127 bytes per block and cut to the range.
public final class UnpaddedPieceReader: Sendable {
    private let state: Mutex<(handle: FileHandle?, next: UInt64)>
    private let end: UInt64
    private let base: UInt64

    /// Opens `location`'s file to read bytes `start..<end` of the unpadded piece.
    public init(location: PieceLocation, start: UInt64, end: UInt64) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: location.file))
        self.state = Mutex((handle, start))
        self.end = end
        self.base = location.offset
    }

    /// The next chunk, or `nil` (and the file closed) once the range is read.
    public func next() throws -> [UInt8]? {
        try state.withLock { state in
            guard let handle = state.handle, state.next < end else {
                try? state.handle?.close()
                state.handle = nil
                return nil
            }
            let firstBlock = state.next / 127
            let lastBlock = min((end - 1) / 127, firstBlock + 8191)
            try handle.seek(toOffset: base + firstBlock * 128)
            let padded = [UInt8](try handle.read(upToCount: Int((lastBlock - firstBlock + 1) * 128)) ?? Data())
            guard padded.count == Int((lastBlock - firstBlock + 1) * 128) else {
                throw RPCError(.methodError, "the unsealed copy ends inside the piece")
            }
            let unpadded = try Fr32.unpad(padded)
            let from = Int(state.next - firstBlock * 127)
            let upTo = Int(min(end, (lastBlock + 1) * 127) - firstBlock * 127)
            state.next = firstBlock * 127 + UInt64(upTo)
            return Array(unpadded[from..<upTo])
        }
    }
}

extension UnpaddedPieceReader {
    /// The range as a stream of chunks.
    public var chunks: AsyncThrowingStream<[UInt8], any Error> { AsyncThrowingStream(unfolding: { try self.next() }) }
}
