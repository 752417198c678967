import Foundation
import PieceCommitment

/// A sealed sector on disk as a prover reads it: the replica (the sealed file) and the upper levels of its tree (the
/// cache's `tree-r-last`, written when the sector is sealed). An opening reads the challenged leaf and its sibling
/// from the sealed file and the other siblings from the tree file — so a deleted or corrupted sealed file gives no
/// opening, or one that does not open CommR, and the sector fails its proof.
public struct SealedSectorFiles: Sendable {
    /// The file name of the tree in a sector's cache folder.
    public static let treeFileName = "tree-r-last"

    /// The sealed file.
    public let sealedPath: String
    /// The tree file.
    public let treePath: String
    /// Leaves of the sector's tree.
    public let leaves: Int

    /// The files of a sector of `sectorSize` bytes.
    /// - Throws: ``OpeningError`` for a size that has no tree.
    public init(sealedPath: String, cacheFolder: String, sectorSize: UInt64) throws(OpeningError) {
        self.sealedPath = sealedPath
        self.treePath = cacheFolder + "/" + Self.treeFileName
        self.leaves = try ReplicaOpenings.leafCount(sectorSize: sectorSize).get()
    }

    /// The tree's levels above the leaves, lowest first, as the tree file holds them.
    public static func treeFileBytes(_ tree: ReplicaTree) -> [UInt8] {
        tree.levels.dropFirst().flatMap { level in level.flatMap(\.bytes) }
    }

    /// Writes the tree file for `tree` into `cacheFolder` (atomically).
    public static func writeTree(_ tree: ReplicaTree, cacheFolder: String) throws {
        try Data(treeFileBytes(tree)).write(to: URL(fileURLWithPath: cacheFolder + "/" + treeFileName), options: .atomic)
    }

    /// The openings (``ReplicaOpenings`` layout) at `indices`.
    /// - Throws: ``OpeningError`` when a file is missing, short or unreadable.
    public func openings(_ indices: [Int]) throws(OpeningError) -> [UInt8] {
        let sealed = try open(sealedPath, what: "sealed file")
        defer { try? sealed.close() }
        let tree = try open(treePath, what: "tree file (cache)")
        defer { try? tree.close() }
        let node = MockReplica.nodeSize
        var proof: [UInt8] = []
        proof.reserveCapacity(indices.count * ReplicaOpenings.openingSize(leaves: leaves))
        for index in indices {
            guard index >= 0, index < leaves else { throw OpeningError("challenge \(index) is outside the \(leaves) leaves") }
            let pair = try read(sealed, at: UInt64((index & ~1) * node), count: 2 * node, what: "sealed file")
            let own = (index & 1) * node
            proof += pair[own..<own + node]
            proof += pair[(node - own)..<(2 * node - own)]
            // Level k ≥ 1 starts after the leaves/2 + leaves/4 + … nodes of the levels below it.
            var levelStart = 0
            var width = leaves >> 1
            var position = index >> 1
            while width > 1 {
                proof += try read(tree, at: UInt64((levelStart + (position ^ 1)) * node), count: node, what: "tree file")
                levelStart += width
                width >>= 1
                position >>= 1
            }
        }
        return proof
    }

    /// `nil` when the files open `commR` at `count` challenges drawn from `seed`; else why not (the check a prover runs
    /// before it relies on a sector: `lotus-miner proving check`).
    public func check(commR: Commitment, seed: [UInt8], sector: UInt64, count: Int) -> String? {
        let indices = ReplicaOpenings.challenges(seed: seed, sector: sector, count: count, leaves: leaves)
        do {
            let proof = try openings(indices)
            return ReplicaOpenings.verify(proof[...], indices: indices, leaves: leaves, root: commR)
        } catch {
            return error.description
        }
    }

    private func open(_ path: String, what: String) throws(OpeningError) -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OpeningError("cannot open the \(what) \(path)") }
        return handle
    }

    private func read(_ handle: FileHandle, at offset: UInt64, count: Int, what: String) throws(OpeningError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else {
                throw OpeningError("the \(what) ends before byte \(offset + UInt64(count)) (is it truncated?)")
            }
            return Array(data)
        } catch let error as OpeningError {
            throw error
        } catch {
            throw OpeningError("reading the \(what): \(error)")
        }
    }
}
