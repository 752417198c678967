import MockProofs
import Multiformats
import PieceCommitment
import Testing

/// The devnet's mock replication and seal proof: reversible, keyed, data-dependent, and checkable from CommR alone.
@Suite("Mock seal")
struct MockSealTests {
    /// `count` bytes of Fr32-valid data (every node's top two bits clear).
    static func data(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { index in
            let byte = UInt8(truncatingIfNeeded: index &* 131 &+ Int(seed))
            return index % 32 == 31 ? byte & 0x3F : byte
        }
    }

    static let key = MockReplica.Key(ticket: Array(repeating: 7, count: 32), miner: 1000, sector: 3)

    @Test("sealing is keyed and reversible: unseal gives the data back; another ticket gives another replica")
    func roundTrip() throws {
        let unsealed = Self.data(2048, seed: 1)
        let replica = try MockReplica.seal(unsealed, key: Self.key)
        #expect(replica != unsealed)
        #expect(try MockReplica.unseal(replica, key: Self.key) == unsealed)
        var other = Self.key
        other.ticket[0] ^= 1
        #expect(try MockReplica.seal(unsealed, key: other) != replica)
        #expect(try MockReplica.unseal(replica, key: other) != unsealed)
    }

    @Test("the replica depends on the data before each node, and CommR commits to all of it")
    func dataDependent() throws {
        var changed = Self.data(2048, seed: 1)
        changed[5] ^= 1
        let a = try MockReplica.seal(Self.data(2048, seed: 1), key: Self.key)
        let b = try MockReplica.seal(changed, key: Self.key)
        #expect(a[64..<96] != b[64..<96], "a change in node 0 changes later nodes' keys")
        #expect(try ReplicaTree(replica: a).root != ReplicaTree(replica: b).root)
        #expect(try ReplicaTree(replica: a).commR().description.hasPrefix("bagboea4b5abc"), "fil-commitment-sealed + poseidon code, as Lotus's CommR")
    }

    @Test("a CC sector of zeros seals, and its CommD is the zero commitment the tree also computes")
    func zeros() throws {
        let replica = try MockReplica.seal([UInt8](repeating: 0, count: 2048), key: Self.key)
        #expect(try ReplicaTree(replica: [UInt8](repeating: 0, count: 2048)).root == ZeroCommitments.piece(try PaddedPieceSize(validating: 2048)))
        #expect(replica.contains { $0 != 0 })
    }

    @Test("the seal proof verifies against CommR and the seed; a wrong seed, a corrupt replica or a truncated proof do not")
    func proof() throws {
        let replica = try MockReplica.seal(Self.data(8192, seed: 9), key: Self.key)
        let tree = try ReplicaTree(replica: replica)
        let seed = Array(repeating: UInt8(3), count: 32)
        let proof = MockSealProof.prove(tree: tree, seed: seed, sector: 3)
        #expect(MockSealProof.verify(proof, commR: tree.root, seed: seed, sector: 3, sectorSize: 8192) == nil)
        #expect(MockSealProof.verify(proof, commR: tree.root, seed: [4] + seed.dropFirst(), sector: 3, sectorSize: 8192) != nil)
        #expect(MockSealProof.verify(proof, commR: tree.root, seed: seed, sector: 4, sectorSize: 8192) != nil)
        #expect(MockSealProof.verify(Array(proof.dropLast()), commR: tree.root, seed: seed, sector: 3, sectorSize: 8192)?.contains("expected") == true)

        var corrupt = replica
        corrupt[100] ^= 0x01
        let forged = MockSealProof.prove(tree: try ReplicaTree(replica: corrupt), seed: seed, sector: 3)
        #expect(MockSealProof.verify(forged, commR: tree.root, seed: seed, sector: 3, sectorSize: 8192) != nil, "a different replica cannot prove CommR")
        #expect(MockSealProof.verify(proof, commR: tree.root, seed: seed, sector: 3, sectorSize: 3000) != nil)
    }

    @Test("malformed data is refused, not trapped on")
    func malformed() {
        #expect(throws: PieceCommitmentError.self) { try MockReplica.seal([1, 2, 3], key: Self.key) }
        #expect(throws: PieceCommitmentError.self) { try MockReplica.seal([UInt8](repeating: 0xFF, count: 64), key: Self.key) }
        #expect(throws: PieceCommitmentError.self) { try ReplicaTree(replica: [UInt8](repeating: 0, count: 96)) }
        #expect(MockSealProof.verify([], commR: ZeroCommitments.root(level: 0), seed: [], sector: 0, sectorSize: 0) != nil)
    }
}
