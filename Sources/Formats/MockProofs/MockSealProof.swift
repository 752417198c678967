import PieceCommitment

/// The devnet's seal proof: openings of the replica tree at nodes chosen by the interactive seed. Only a prover that
/// holds the replica committed to by CommR can answer, and the chain can check the answer from CommR alone
/// (``verify(_:commR:seed:sector:sectorSize:)``).
///
/// Layout: for each of ``challengeCount`` challenges, the leaf (32 bytes) then its siblings from the leaves up
/// (32 bytes each, log2(nodes) of them).
public enum MockSealProof {
    public static let challengeCount = 16

    /// The challenged leaves: SHA-256(seed ‖ sector ‖ i) modulo the number of leaves (``ReplicaOpenings``).
    public static func challenges(seed: [UInt8], sector: UInt64, leaves: Int) -> [Int] {
        ReplicaOpenings.challenges(seed: seed, sector: sector, count: challengeCount, leaves: leaves)
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
        let leaves: Int
        switch ReplicaOpenings.leafCount(sectorSize: sectorSize) {
        case .success(let count): leaves = count
        case .failure(let error): return error.description
        }
        let expected = challengeCount * ReplicaOpenings.openingSize(leaves: leaves)
        guard proof.count == expected else {
            return "proof is \(proof.count) bytes, expected \(expected) for a \(sectorSize)-byte sector"
        }
        return ReplicaOpenings.verify(proof[...], indices: challenges(seed: seed, sector: sector, leaves: leaves), leaves: leaves, root: commR)
    }
}
