import APICore
import Foundation
import PieceCommitment

/// Writes a deal's piece into a sector's unsealed file as it streams in: each 127-byte quantum Fr32-padded to 128
/// bytes at the piece's padded offset, the piece commitment computed on the way (Lotus's AddPiece). Memory stays at
/// one batch (about 1 MiB) whatever the piece size, and the data is read once.
struct PieceWriter {
    /// Payload bytes Fr32-padded and written per batch: 8192 quanta of 127 bytes.
    static let batch = 127 * 8192
    /// Padded bytes written between write-behind hints.
    static let writeBehind: UInt64 = 8 << 20

    /// Writes exactly `size` bytes from `chunks` into `file` at `offset` (padded bytes); returns their commitment.
    /// - Throws: ``APICore/RPCError`` when the stream is shorter or longer than `size`, or the file cannot be written;
    ///   the region written so far is zeroed again, so a failed piece leaves padding behind.
    static func write(
        _ chunks: AsyncThrowingStream<[UInt8], any Error>, size: UnpaddedPieceSize, to file: String, at offset: UInt64
    ) async throws -> PieceDigest {
        guard let handle = FileHandle(forUpdatingAtPath: file) else { throw RPCError(.methodError, "cannot open \(file) for writing") }
        defer { try? handle.close() }
        // Two chunks hashed at once: the commitment is the heaviest step of the intake, and the receive side runs on
        // the event loop's thread meanwhile.
        let builder = CommPBuilder(parallelism: 2)
        var pending: [UInt8] = []
        pending.reserveCapacity(batch)
        var received: UInt64 = 0
        var written: UInt64 = 0
        var hinted: UInt64 = 0
        func flush(_ payload: ArraySlice<UInt8>) throws {
            let padded = try Fr32.pad(Array(payload))
            try handle.seek(toOffset: offset + written)
            try handle.write(contentsOf: padded)
            written += UInt64(padded.count)
            // Write-behind: the kernel starts putting what is written on disk while the rest arrives, so the final
            // sync waits for the last few MiB, not the whole piece (a dirty GiB sits in the page cache otherwise,
            // below the writeback threshold). POSIX_FADV_DONTNEED starts that writeback on Linux; the pages are
            // then not kept cached, which suits a piece read once more, when its sector seals. Only a hint.
            if written - hinted >= writeBehind, let start = off_t(exactly: offset + hinted), let length = off_t(exactly: written - hinted) {
                _ = posix_fadvise(handle.fileDescriptor, start, length, POSIX_FADV_DONTNEED)
                hinted = written
            }
        }
        do {
            for try await chunk in chunks {
                let (total, overflow) = received.addingReportingOverflow(UInt64(chunk.count))
                guard !overflow, total <= size.rawValue else {
                    throw RPCError(.methodError, "the piece stream carries more than its \(size.rawValue) bytes")
                }
                received = total
                try builder.update(chunk)
                pending += chunk
                if pending.count >= batch {
                    let whole = pending.count - pending.count % batch
                    try flush(pending[..<whole])
                    pending.removeFirst(whole)
                }
            }
            guard received == size.rawValue else {
                throw RPCError(.methodError, "the piece stream ended after \(received) of its \(size.rawValue) bytes")
            }
            if !pending.isEmpty { try flush(pending[...]) }  // size is a multiple of 127, so this is whole quanta
            try handle.synchronize()
            return try builder.finish()
        } catch {
            try? zero(handle, from: offset, count: written)
            throw error
        }
    }

    /// Writes `count` zero bytes from `offset`.
    static func zero(_ handle: FileHandle, from offset: UInt64, count: UInt64) throws {
        var done: UInt64 = 0
        let zeros = Data(count: 1 << 20)
        while done < count {
            let step = min(UInt64(zeros.count), count - done)
            try handle.seek(toOffset: offset + done)
            try handle.write(contentsOf: zeros.prefix(Int(step)))
            done += step
        }
    }
}
