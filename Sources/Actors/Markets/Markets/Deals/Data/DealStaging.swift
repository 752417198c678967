import APICore
import Foundation
import Synchronization
import Multiformats
import PieceCommitment

/// The deal-staging directory (`<repo>/deal-staging`): each deal's data, as received or imported, until its piece is
/// handed to sealing. Its size is what `[Dealmaking] MaxStagingDealsBytes` limits.
struct DealStaging: Sendable {
    let path: String

    /// The staged file of the deal with proposal `cid`.
    func file(for cid: CID) -> String { "\(path)/\(cid).car" }

    /// Where the deal's data is written until it is whole (then renamed to ``file(for:)``).
    func partialFile(for cid: CID) -> String { file(for: cid) + ".partial" }

    /// The size of the file at `path`; 0 when there is none.
    static func size(of path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.uint64Value ?? 0
    }

    /// Bytes held in the directory now.
    func bytesUsed() -> UInt64 {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return 0 }
        var total: UInt64 = 0
        for name in names {
            let size = Self.size(of: "\(path)/\(name)")
            total = total.addingReportingOverflow(size).overflow ? .max : total + size
        }
        return total
    }

    /// Copies `source` into the deal's staged file, computing its piece commitment on the way (in bounded memory),
    /// and returns the commitment of the data zero-padded to `pieceSize`, as the deal's piece holds it.
    /// - Throws: ``APICore/RPCError`` when the file cannot be read or written, or holds more than the piece can.
    func stage(from source: String, for cid: CID, pieceSize: PaddedPieceSize) async throws -> (path: String, pieceCID: CID) {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw RPCError(.methodError, "cannot open \(source) for reading")
        }
        defer { try? input.close() }
        let target = file(for: cid)
        let partial = partialFile(for: cid)
        guard FileManager.default.createFile(atPath: partial, contents: nil), let output = FileHandle(forWritingAtPath: partial) else {
            throw RPCError(.methodError, "cannot create \(partial) in the deal-staging directory")
        }
        let builder = CommPBuilder()
        var copied: UInt64 = 0
        let capacity = pieceSize.unpadded.rawValue
        do {
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                copied += UInt64(chunk.count)
                guard copied <= capacity else {
                    throw RPCError(.methodError, "\(source) holds more than the \(capacity) bytes a \(pieceSize.rawValue)-byte piece can")
                }
                try chunk.withUnsafeBytes { try builder.update($0) }
                try output.write(contentsOf: chunk)
                await Task.yield()
            }
            try output.synchronize()
            try output.close()
            let piece = try Self.pieceCID(builder, pieceSize: pieceSize)
            // Atomic: a crash leaves either no staged file or a whole one.
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: partial, toPath: target)
            return (target, piece)
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(atPath: partial)
            if let rpc = error as? RPCError { throw rpc }
            throw RPCError(.methodError, "staging \(source): \(error)")
        }
    }

    /// The piece CID of the staged `file`, zero-padded to `pieceSize` (read once, in bounded memory).
    /// - Throws: ``APICore/RPCError`` when the file cannot be read or holds more than the piece can.
    func pieceCID(of file: String, pieceSize: PaddedPieceSize) async throws -> CID {
        guard let input = FileHandle(forReadingAtPath: file) else { throw RPCError(.methodError, "the staged deal data \(file) is gone") }
        defer { try? input.close() }
        let builder = CommPBuilder()
        var read: UInt64 = 0
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            read += UInt64(chunk.count)
            guard read <= pieceSize.unpadded.rawValue else {
                throw RPCError(.methodError, "\(file) holds more than the \(pieceSize.unpadded.rawValue) bytes a \(pieceSize.rawValue)-byte piece can")
            }
            try chunk.withUnsafeBytes { try builder.update($0) }
            await Task.yield()
        }
        return try Self.pieceCID(builder, pieceSize: pieceSize)
    }

    /// The commitment `builder` has computed, zero-padded to `pieceSize`, as a piece CID.
    static func pieceCID(_ builder: CommPBuilder, pieceSize: PaddedPieceSize) throws -> CID {
        let digest = try builder.finish()
        let commitment = try UnsealedCommitment.compute(
            pieces: [PieceInfo(size: digest.paddedSize, commitment: digest.commitment)], sectorSize: pieceSize)
        return PieceCID.v1(commitment)
    }

    /// The staged file as a stream of exactly `size` bytes: its bytes, then zeros (the piece's padding).
    static func stream(_ file: String, size: UInt64) -> ByteStream {
        // Pulled: each chunk is read when the consumer asks for it. (A producer task yielding into an
        // AsyncThrowingStream's unbounded buffer read the whole file ahead of a slower hand-off, so the markets node
        // held the piece in memory: 0.9 GiB of RSS after handing off a 1 GiB piece.)
        let reader = StagedFileReader(file: file, size: size)
        return ByteStream(AsyncThrowingStream(unfolding: { try reader.next() }))
    }

    /// The staged file in chunks of at most 1 MiB, zero-filled from its end to `size`, read one chunk per call.
    final class StagedFileReader: Sendable {
        private let file: String
        private let size: UInt64
        private let state = Mutex<(handle: FileHandle?, opened: Bool, sent: UInt64)>((nil, false, 0))

        init(file: String, size: UInt64) {
            self.file = file
            self.size = size
        }

        /// The next chunk, or `nil` (the file closed) once `size` bytes are out.
        /// - Throws: ``APICore/RPCError`` when the staged file is gone.
        func next() throws -> [UInt8]? {
            try state.withLock { state in
                if !state.opened {
                    state.opened = true
                    guard let handle = FileHandle(forReadingAtPath: file) else {
                        throw RPCError(.methodError, "the staged deal data \(file) is gone")
                    }
                    state.handle = handle
                }
                guard state.sent < size else {
                    try? state.handle?.close()
                    state.handle = nil
                    return nil
                }
                let want = Int(min(UInt64(1 << 20), size - state.sent))
                var chunk = [UInt8](try state.handle?.read(upToCount: want) ?? Data())
                if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: want) }
                state.sent += UInt64(chunk.count)
                return chunk
            }
        }
    }

    /// Removes a staged file (a deal handed off or failed).
    func remove(_ file: String) {
        guard !file.isEmpty, file.hasPrefix(path) else { return }
        try? FileManager.default.removeItem(atPath: file)
    }
}
