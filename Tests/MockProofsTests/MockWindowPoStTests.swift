import Foundation
import MockProofs
import PieceCommitment
import Testing

/// The devnet's Window PoSt: openings read from a sealed file and its tree file, checked against CommR alone.
@Suite("Mock Window PoSt")
struct MockWindowPoStTests {
    /// A sealed sector written to disk as the pipeline writes it: the replica, and the tree in its cache folder.
    struct SealedOnDisk {
        let files: SealedSectorFiles
        let tree: ReplicaTree
        let replica: [UInt8]

        init(in dir: URL, sector: UInt64, size: Int) throws {
            replica = try MockReplica.seal(
                MockSealTests.data(size, seed: UInt8(truncatingIfNeeded: sector)),
                key: MockReplica.Key(ticket: [UInt8(truncatingIfNeeded: sector), 1, 2], miner: 1000, sector: sector))
            tree = try ReplicaTree(replica: replica)
            let cache = dir.appendingPathComponent("cache-\(sector)").path
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            let sealed = dir.appendingPathComponent("sealed-\(sector)").path
            try Data(replica).write(to: URL(fileURLWithPath: sealed))
            try SealedSectorFiles.writeTree(tree, cacheFolder: cache)
            files = try SealedSectorFiles(sealedPath: sealed, cacheFolder: cache, sectorSize: UInt64(size))
        }

        func sector(_ number: UInt64) -> MockWindowPoSt.Sector {
            MockWindowPoSt.Sector(number: number, commR: tree.root, sectorSize: UInt64(replica.count))
        }
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wpost-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("openings read from the sealed file and the tree file are the tree's own, at every leaf", arguments: [2048, 8192])
    func openingsFromDisk(size: Int) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sealed = try SealedOnDisk(in: dir, sector: 5, size: size)
        for index in 0..<(size / 32) {
            let (leaf, siblings) = sealed.tree.opening(index)
            #expect(try sealed.files.openings([index]) == leaf.bytes + siblings.flatMap(\.bytes), "leaf \(index)")
        }
    }

    @Test("a proof over two sectors verifies against their CommRs; other randomness, order, sectors or lengths do not")
    func proveAndVerify() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try SealedOnDisk(in: dir, sector: 1, size: 2048)
        let b = try SealedOnDisk(in: dir, sector: 2, size: 2048)
        let randomness = [UInt8](repeating: 4, count: 32)
        let proof = try MockWindowPoSt.prove(randomness: randomness, sectors: [(1, a.files), (2, b.files)])
        #expect(proof.count == 2 * MockWindowPoSt.challengeCount * 7 * 32)
        #expect(MockWindowPoSt.verify(proof, randomness: randomness, sectors: [a.sector(1), b.sector(2)]) == nil)
        #expect(MockWindowPoSt.verify(proof, randomness: [5] + randomness.dropFirst(), sectors: [a.sector(1), b.sector(2)]) != nil)
        #expect(MockWindowPoSt.verify(proof, randomness: randomness, sectors: [b.sector(2), a.sector(1)]) != nil)
        #expect(MockWindowPoSt.verify(proof, randomness: randomness, sectors: [a.sector(1)])?.contains("beyond") == true)
        #expect(MockWindowPoSt.verify(Array(proof.dropLast(32)), randomness: randomness, sectors: [a.sector(1), b.sector(2)]) != nil)
        #expect(MockWindowPoSt.verify(proof, randomness: randomness, sectors: [a.sector(1), b.sector(3)])?.contains("sector 3") == true)
        #expect(MockWindowPoSt.verify([], randomness: randomness, sectors: []) == nil, "no sectors, nothing to prove")
    }

    @Test("a corrupted sealed file fails its check and its proof; a missing or truncated one says which file")
    func damagedFiles() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sealed = try SealedOnDisk(in: dir, sector: 7, size: 2048)
        let randomness = [UInt8](repeating: 8, count: 32)
        #expect(sealed.files.check(commR: sealed.tree.root, seed: randomness, sector: 7, count: 10) == nil)

        var corrupt = sealed.replica
        for node in stride(from: 0, to: corrupt.count, by: 32) { corrupt[node] ^= 1 }
        try Data(corrupt).write(to: URL(fileURLWithPath: sealed.files.sealedPath))
        #expect(sealed.files.check(commR: sealed.tree.root, seed: randomness, sector: 7, count: 10)?.contains("does not open CommR") == true)
        let forged = try MockWindowPoSt.prove(randomness: randomness, sectors: [(7, sealed.files)])
        #expect(MockWindowPoSt.verify(forged, randomness: randomness, sectors: [sealed.sector(7)]) != nil)

        try Data(sealed.replica.prefix(1024)).write(to: URL(fileURLWithPath: sealed.files.sealedPath))
        let truncated = sealed.files.check(commR: sealed.tree.root, seed: randomness, sector: 7, count: 10)
        #expect(truncated?.contains("truncated") == true || truncated?.contains("does not open") == true, "\(truncated ?? "")")

        try FileManager.default.removeItem(atPath: sealed.files.sealedPath)
        #expect(throws: OpeningError.self) { try MockWindowPoSt.prove(randomness: randomness, sectors: [(7, sealed.files)]) }
        #expect(sealed.files.check(commR: sealed.tree.root, seed: randomness, sector: 7, count: 10)?.contains("cannot open the sealed file") == true)
        #expect(throws: OpeningError.self) { try sealed.files.openings([4096]) }
    }

    @Test("a winning PoSt proves the one sector the randomness picks; a proof of another sector does not verify")
    func winning() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sealed = try (0..<4).map { try SealedOnDisk(in: dir, sector: UInt64($0), size: 2048) }
        let eligible = sealed.enumerated().map { $1.sector(UInt64($0)) }
        var picked = Set<Int>()
        for seed in 0..<32 {
            let randomness = [UInt8](repeating: UInt8(seed), count: 32)
            let index = try #require(MockWinningPoSt.challengedIndex(randomness: randomness, eligible: 4))
            picked.insert(index)
            let proof = try MockWinningPoSt.prove(randomness: randomness, sector: UInt64(index), files: sealed[index].files)
            #expect(MockWinningPoSt.verify(proof, randomness: randomness, eligible: eligible) == nil)
            let other = (index + 1) % 4
            let wrong = try MockWinningPoSt.prove(randomness: randomness, sector: UInt64(other), files: sealed[other].files)
            #expect(MockWinningPoSt.verify(wrong, randomness: randomness, eligible: eligible) != nil)
        }
        #expect(picked.count > 1, "the randomness chooses among the sectors")
        #expect(MockWinningPoSt.verify([], randomness: [1], eligible: [])?.contains("no active sector") == true)
    }
}
