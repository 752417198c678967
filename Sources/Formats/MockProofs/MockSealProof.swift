import Crypto
import PieceCommitment

/// The devnet's seal proof: openings of the replica tree at nodes chosen by the interactive seed. Only a prover that
/// holds the replica committed to by CommR can answer, and the chain can check the answer from CommR alone
/// (``verify(_:commR:seed:sector:sectorSize:)``).
///
/// Layout: for each of ``challengeCount`` challenges, the leaf (32 bytes) then its siblings from the leaves up
/// (32 bytes each, log2(nodes) of them).
public enum MockSealProof {
    public static let challengeCount = 16

    /// The challenged leaves: SHA-256(seed ‖ sector ‖ i) modulo the number of leaves.
    public static func challenges(seed: [UInt8], sector: UInt64, leaves: Int) -> [Int] {
        guard leaves > 0 else { return [] }
        return (0..<challengeCount).map { index in
            var hasher = SHA256()
            hasher.update(data: seed)
            hasher.update(data: MockReplica.littleEndian(sector))
            hasher.update(data: MockReplica.littleEndian(UInt64(index)))
            let digest = Array(hasher.finalize())
            let value = digest.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            return Int(value % UInt64(leaves))
        }
    }

    /// The proof for `tree` under `seed`.
    public static func prove(tree: ReplicaTree, seed: [UInt8], sector: UInt64) -> [UInt8] {
        var proof: [UInt8] = []
        for index in challenges(seed: seed, sector: sector, leaves: tree.levels[0].count) {
            let (leaf, siblings) = tree.opening(index)
            proof += leaf.bytes
            for sibling in siblings { proof += sibling.bytes }
        }
        return proof
    }

    /// `nil` when `proof` opens `commR` at every challenge of `seed` for a sector of `sectorSize` bytes; else why not.
    public static func verify(_ proof: [UInt8], commR: Commitment, seed: [UInt8], sector: UInt64, sectorSize: UInt64) -> String? {
        let nodeCount = sectorSize / UInt64(MockReplica.nodeSize)
        guard nodeCount > 0, nodeCount & (nodeCount - 1) == 0, nodeCount <= UInt64(Int.max) else {
            return "sector size \(sectorSize) is not a power-of-two number of nodes"
        }
        let depth = nodeCount.trailingZeroBitCount
        let opening = (depth + 1) * MockReplica.nodeSize
        guard proof.count == challengeCount * opening else {
            return "proof is \(proof.count) bytes, expected \(challengeCount * opening) for a \(sectorSize)-byte sector"
        }
        for (number, index) in challenges(seed: seed, sector: sector, leaves: Int(nodeCount)).enumerated() {
            let start = number * opening
            var nodes: [Commitment] = []
            for offset in stride(from: start, to: start + opening, by: MockReplica.nodeSize) {
                guard let node = try? Commitment(bytes: proof[offset..<offset + MockReplica.nodeSize]) else {
                    return "challenge \(number): node at byte \(offset) is not a field element"
                }
                nodes.append(node)
            }
            guard ReplicaTree.verify(leaf: nodes[0], index: index, siblings: Array(nodes.dropFirst()), root: commR) else {
                return "challenge \(number) (node \(index)) does not open CommR"
            }
        }
        return nil
    }
}
