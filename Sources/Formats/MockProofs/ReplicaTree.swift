import Multiformats
import PieceCommitment

/// The binary tree over a replica's 32-byte nodes (sha2-256 with 254-bit truncation, the tree CommD uses): its
/// root is the mock CommR, and its openings prove that a prover holds the challenged nodes.
public struct ReplicaTree: Sendable {
    /// Level 0 is the leaves; the last level is the root alone.
    public let levels: [[Commitment]]

    /// The tree of `replica` (a power-of-two number of valid nodes).
    /// - Throws: ``PieceCommitmentError`` for a length that is not a power of two of nodes, or an invalid node.
    public init(replica: [UInt8]) throws(PieceCommitmentError) {
        let count = replica.count / MockReplica.nodeSize
        guard replica.count % MockReplica.nodeSize == 0, count > 0, count & (count - 1) == 0 else {
            throw PieceCommitmentError(.invalidCommitment, "a replica of \(replica.count) bytes is not a power-of-two number of 32-byte nodes")
        }
        var level: [Commitment] = []
        level.reserveCapacity(count)
        for node in 0..<count {
            level.append(try Commitment(bytes: replica[node * MockReplica.nodeSize..<(node + 1) * MockReplica.nodeSize]))
        }
        var levels = [level]
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { Commitment.parent(level[$0], level[$0 + 1]) }
            levels.append(level)
        }
        self.levels = levels
    }

    /// The root.
    public var root: Commitment { levels[levels.count - 1][0] }

    /// The root as Filecoin's CommR CID (`fil-commitment-sealed`, `poseidon-bls12_381-a2-fc1`: the codes Lotus uses
    /// for CommR; the digest here is the mock tree's).
    public func commR() throws(MultiformatsError) -> CID { try Self.cid(root) }

    /// The CommR CID of a root.
    public static func cid(_ root: Commitment) throws(MultiformatsError) -> CID {
        CID(codec: .filCommitmentSealed, multihash: try Multihash(code: .poseidon_bls12_381_a2_fc1, digest: root.bytes))
    }

    /// The leaf at `index` and its siblings up to the root.
    public func opening(_ index: Int) -> (leaf: Commitment, siblings: [Commitment]) {
        var siblings: [Commitment] = []
        var position = index
        for level in levels.dropLast() {
            siblings.append(level[position ^ 1])
            position >>= 1
        }
        return (levels[0][index], siblings)
    }

    /// Whether `leaf` at `index` with `siblings` leads to `root`.
    public static func verify(leaf: Commitment, index: Int, siblings: [Commitment], root: Commitment) -> Bool {
        var node = leaf
        var position = index
        for sibling in siblings {
            node = position & 1 == 0 ? Commitment.parent(node, sibling) : Commitment.parent(sibling, node)
            position >>= 1
        }
        return position == 0 && node == root
    }
}
