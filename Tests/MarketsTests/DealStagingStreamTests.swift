import APICore
import Foundation
import Testing

@testable import Markets

/// The hand-off reads the staged deal data as sealing takes it, never ahead: a piece of any size costs the markets
/// node a chunk of memory, not the piece.
@Suite("Deal staging stream")
struct DealStagingStreamTests {
    static let mib = 1 << 20

    @Test("the staged file is read a chunk at a time as the consumer asks, then zero-filled to the piece's size")
    func pulledChunkByChunk() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("deal").path
        try Data(repeating: 0xAA, count: 8 * Self.mib).write(to: URL(fileURLWithPath: file))

        let chunks = try await DealStaging.stream(file, size: UInt64(10 * Self.mib)).chunks()
        var iterator = chunks.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(first.count == Self.mib && first.allSatisfy { $0 == 0xAA })

        // Rewrite the file's second MiB in place: a reader that had run ahead would still hand out the old bytes.
        try await Task.sleep(for: .milliseconds(200))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seek(toOffset: UInt64(Self.mib))
        try handle.write(contentsOf: Data(repeating: 0xBB, count: Self.mib))
        try handle.close()
        let second = try #require(try await iterator.next())
        #expect(second.allSatisfy { $0 == 0xBB }, "the second chunk was read before it was asked for")

        var total = first.count + second.count
        var zeros = 0
        while let chunk = try await iterator.next() {
            total += chunk.count
            if chunk.allSatisfy({ $0 == 0 }) { zeros += chunk.count }
        }
        #expect(total == 10 * Self.mib && zeros == 2 * Self.mib)
    }

    @Test("a staged file that is gone fails the stream with the reason")
    func goneFileFails() async throws {
        let chunks = try await DealStaging.stream("/nonexistent/staged-\(UUID().uuidString)", size: 1024).chunks()
        await #expect(throws: RPCError.self) {
            for try await _ in chunks {}
        }
    }
}
