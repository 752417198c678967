import Crypto
import PieceCommitment

/// What the devnet's seal proof and Window PoSt share: which leaves a challenge seed picks, and how a run of leaf
/// openings is laid out and checked against CommR.
///
/// An opening is the leaf (32 bytes) then its siblings from the leaves up (32 bytes each, log2(leaves) of them).
public enum ReplicaOpenings {
    /// `count` leaf indices: SHA-256(seed ‖ sector ‖ i) modulo `leaves`, for i in 0..<count.
    public static func challenges(seed: [UInt8], sector: UInt64, count: Int, leaves: Int) -> [Int] {
        guard leaves > 0, count > 0 else { return [] }
        return (0..<count).map { index in
            var hasher = SHA256()
            hasher.update(data: seed)
            hasher.update(data: MockReplica.littleEndian(sector))
            hasher.update(data: MockReplica.littleEndian(UInt64(index)))
            let digest = Array(hasher.finalize())
            let value = digest.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            return Int(value % UInt64(leaves))
        }
    }

    /// The number of leaves of a sector of `sectorSize` bytes, or why it has no tree.
    public static func leafCount(sectorSize: UInt64) -> Result<Int, OpeningError> {
        let nodes = sectorSize / UInt64(MockReplica.nodeSize)
        guard nodes > 0, nodes & (nodes - 1) == 0, let count = Int(exactly: nodes) else {
            return .failure(OpeningError("sector size \(sectorSize) is not a power-of-two number of nodes"))
        }
        return .success(count)
    }

    /// Bytes of one opening in a tree of `leaves` leaves.
    public static func openingSize(leaves: Int) -> Int { (leaves.trailingZeroBitCount + 1) * MockReplica.nodeSize }

    /// `nil` when `proof` (exactly one opening per index, in order) opens `root` at each of `indices` in a tree of
    /// `leaves` leaves; else why not.
    public static func verify(_ proof: ArraySlice<UInt8>, indices: [Int], leaves: Int, root: Commitment) -> String? {
        let opening = openingSize(leaves: leaves)
        guard proof.count == indices.count * opening else {
            return "\(proof.count) bytes of openings, expected \(indices.count * opening)"
        }
        for (number, index) in indices.enumerated() {
            let start = proof.startIndex + number * opening
            var nodes: [Commitment] = []
            for offset in stride(from: start, to: start + opening, by: MockReplica.nodeSize) {
                guard let node = try? Commitment(bytes: proof[offset..<offset + MockReplica.nodeSize]) else {
                    return "challenge \(number): node at byte \(offset - proof.startIndex) is not a field element"
                }
                nodes.append(node)
            }
            guard ReplicaTree.verify(leaf: nodes[0], index: index, siblings: Array(nodes.dropFirst()), root: root) else {
                return "challenge \(number) (node \(index)) does not open CommR"
            }
        }
        return nil
    }
}

/// Why openings could not be made or checked.
public struct OpeningError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
