import CAR
import InteropSupport
import Foundation
import Multiformats
import Testing

/// Our CARs read by py-ipld-car + ipld-dag-pb (Tests/Interop/car_peer.py), theirs read by us; the DAG layout
/// rebuilt independently in Python must give the same root and the same CAR bytes.
@Suite struct CARInteropTests {
    /// (size, chunk, links): Lotus's parameters at the chunk boundaries, and small ones for deep trees.
    static let cases: [(Int, Int, Int)] = [
        (0, 1 << 20, 1024), (1, 1 << 20, 1024), ((1 << 20) - 1, 1 << 20, 1024), (1 << 20, 1 << 20, 1024),
        ((1 << 20) + 1, 1 << 20, 1024), (3_000_000, 1 << 20, 1024),
        (4 * 1000, 1000, 4), (4 * 1000 + 1, 1000, 4), (16 * 1000, 1000, 4), (16 * 1000 + 1, 1000, 4), (77_777, 1000, 4),
    ]

    @Test(arguments: cases)
    func oursReadByPython(size: Int, chunk: Int, links: Int) async throws {
        let directory = try ScratchDirectory(prefix: "car-tests")
        let content = InteropFiles.bytes(size, seed: UInt64(size + 1))
        let file = try directory.write(content, to: "file")
        let (root, car) = try importToMemory(file, importer: UnixFSImporter(chunkSize: chunk, maxLinks: links))
        let carPath = try directory.write(car, to: "ours.car")
        let lines = try await runCARPeer(["read", carPath, file, String(chunk), String(links)])
        #expect(lines.first?.hasPrefix("root=\(root) ") == true, "\(lines)")
        #expect(lines.first?.contains("file=ok rebuilt=\(root) same-bytes=yes") == true, "\(lines)")
        if size == 0 { #expect(root.description == "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku") }
        if size > chunk { #expect(root.codec == .dagPB && root.description.hasPrefix("bafybei")) }
    }

    @Test(arguments: cases)
    func theirsReadByUs(size: Int, chunk: Int, links: Int) async throws {
        let directory = try ScratchDirectory(prefix: "car-tests")
        let content = InteropFiles.bytes(size, seed: UInt64(size + 7))
        let file = try directory.write(content, to: "file")
        let carPath = directory.path("theirs.car")
        let lines = try await runCARPeer(["write", file, carPath, String(chunk), String(links)])
        let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: carPath)))
        let (header, blocks) = try readAll(theirs)
        #expect(header.roots.map(\.description) == lines)
        let root = try #require(header.roots.first)
        #expect(try exportFile(root: root, blocks: blocks) == content)
        let ours = try importToMemory(file, importer: UnixFSImporter(chunkSize: chunk, maxLinks: links))
        #expect(ours.root == root)
        #expect(ours.car == theirs)
        // The file-backed index exports the same bytes.
        let index = try CARIndex(path: carPath)
        #expect(try index.exporter().exportBytes(root: root) == content)
    }

    @Test func repeatedChunksAreWrittenOnce() throws {
        let directory = try ScratchDirectory(prefix: "car-tests")
        let file = try directory.write([UInt8](repeating: 0, count: 5000), to: "zeros")
        let (root, car) = try importToMemory(file, importer: UnixFSImporter(chunkSize: 1000, maxLinks: 4))
        let (_, blocks) = try readAll(car)
        // Five identical leaves: one raw block; a depth-1 node of four, its one-leaf sibling, and the root.
        #expect(blocks.count == 4)
        #expect(Set(blocks.map(\.cid)).count == blocks.count)
        #expect(try exportFile(root: root, blocks: blocks) == [UInt8](repeating: 0, count: 5000))
    }
}
