import Foundation
import Markets
import PieceCommitment
import SubsystemSupport
import Testing

/// The unpadder a retrieval reads through: whatever the chunks the padded bytes arrive in (a local file's 1 MiB reads,
/// HTTP/2 frames from another node's `/remote`), the bytes out are the piece's, cut to the range asked.
@Suite("Unpadded piece reads")
struct UnpaddedPieceReaderTests {
    static let piece: [UInt8] = (0..<(127 * 40)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }

    /// The padded bytes of `range` of the piece, in chunks of `chunk` bytes.
    static func padded(for start: UInt64, _ end: UInt64, chunk: Int) throws -> AsyncThrowingStream<[UInt8], any Error> {
        let all = try Fr32.pad(piece)
        let range = UnpaddedPieceReader.paddedRange(start: start, end: end)
        let bytes = Array(all[Int(range.lowerBound)..<Int(range.upperBound)])
        return AsyncThrowingStream { continuation in
            var offset = 0
            while offset < bytes.count {
                continuation.yield(Array(bytes[offset..<min(offset + chunk, bytes.count)]))
                offset += chunk
            }
            continuation.finish()
        }
    }

    static func collect(_ stream: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8] {
        var out: [UInt8] = []
        for try await chunk in stream { out += chunk }
        return out
    }

    @Test("every range, in chunks of 1, 100, 128, 1000 and 4096 padded bytes, gives the piece's bytes", arguments: [1, 100, 128, 1000, 4096])
    func ranges(chunk: Int) async throws {
        let ends = [1, 126, 127, 128, 254, 255, 1000, Self.piece.count]
        for start in [0, 1, 126, 127, 128, 500, 4000] {
            for end in ends where end > start {
                let reader = UnpaddedPieceReader(
                    padded: try Self.padded(for: UInt64(start), UInt64(end), chunk: chunk), start: UInt64(start), end: UInt64(end))
                #expect(try await Self.collect(reader.chunks) == Array(Self.piece[start..<end]), "\(start)..<\(end) in chunks of \(chunk)")
            }
        }
    }

    @Test("a padded copy that ends inside the range is an error, not a short piece")
    func shortCopy() async throws {
        let all = try Fr32.pad(Self.piece)
        let cut = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array(all[0..<1000]))
            continuation.finish()
        }
        let reader = UnpaddedPieceReader(padded: cut, start: 0, end: UInt64(Self.piece.count))
        let error = await #expect(throws: (any Error).self) { _ = try await Self.collect(reader.chunks) }
        #expect("\(String(describing: error))".contains("ends inside the piece"))
    }

    @Test("a file range is read to its end, and a file shorter than the range is an error")
    func fileRange() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("padded-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try await Self.collect(try FileRangeReader(path: path, range: 5..<UInt64(bytes.count - 3)).chunks) == Array(bytes[5..<(bytes.count - 3)]))
        let error = await #expect(throws: (any Error).self) {
            _ = try await Self.collect(try FileRangeReader(path: path, range: 0..<UInt64(bytes.count + 128)).chunks)
        }
        #expect("\(String(describing: error))".contains("ends at \(bytes.count), inside the range read"))
    }
}
