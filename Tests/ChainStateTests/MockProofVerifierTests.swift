import ChainState
import ChainTypes
import MockProofs
import Multiformats
import PieceCommitment
import Testing

/// The daemon's seal verifier checks the proof against the replica's commitment.
@Suite("Mock proof verifier")
struct MockProofVerifierTests {
    @Test("a proof made from the replica verifies; one from another replica, for another seed or of the wrong size does not")
    func seal() throws {
        let unsealed = [UInt8](repeating: 0, count: 2048)
        let replica = try MockReplica.seal(unsealed, key: MockReplica.Key(ticket: [1, 2, 3], miner: 1000, sector: 4))
        let tree = try ReplicaTree(replica: replica)
        let seed = [UInt8](repeating: 9, count: 32)
        func info(proof: [UInt8], seed: [UInt8], commR: CID) -> SealVerifyInfo {
            SealVerifyInfo(
                sealProof: SectorSize.kib2.sealProof, miner: 1000, sectorNumber: 4, dealIDs: [], randomness: [1, 2, 3],
                interactiveRandomness: seed, proof: proof, sealedCID: commR, unsealedCID: nil)
        }
        let verifier = MockProofVerifier()
        let proof = MockSealProof.prove(tree: tree, seed: seed, sector: 4)
        #expect(verifier.verifySeal(info(proof: proof, seed: seed, commR: try tree.commR())) == nil)
        #expect(verifier.verifySeal(info(proof: proof, seed: [8] + seed.dropFirst(), commR: try tree.commR())) != nil)
        let other = try ReplicaTree(replica: try MockReplica.seal(unsealed, key: MockReplica.Key(ticket: [7], miner: 1000, sector: 4)))
        #expect(verifier.verifySeal(info(proof: MockSealProof.prove(tree: other, seed: seed, sector: 4), seed: seed, commR: try tree.commR())) != nil)
        #expect(verifier.verifySeal(info(proof: [1, 2, 3], seed: seed, commR: try tree.commR()))?.contains("expected") == true)
        #expect(verifier.verifySeal(info(proof: proof, seed: seed, commR: CID(codec: .raw, multihash: .identity([1])))) != nil)
    }
}

/// The daemon's aggregate verifier checks each sector's seal proof in the aggregate.
@Suite("Mock aggregate verifier")
struct MockAggregateVerifierTests {
    @Test("an aggregate of two sectors' seal proofs verifies in sector order; swapped, truncated or padded, it does not")
    func aggregate() throws {
        let seed = [UInt8](repeating: 9, count: 32)
        var infos: [SealVerifyInfo] = []
        var proofs: [[UInt8]] = []
        for sector in [UInt64(3), 4] {
            let replica = try MockReplica.seal([UInt8](repeating: 0, count: 2048), key: MockReplica.Key(ticket: [UInt8(sector)], miner: 1000, sector: sector))
            let tree = try ReplicaTree(replica: replica)
            proofs.append(MockSealProof.prove(tree: tree, seed: seed, sector: sector))
            infos.append(
                SealVerifyInfo(
                    sealProof: SectorSize.kib2.sealProof, miner: 1000, sectorNumber: sector, dealIDs: [], randomness: [UInt8(sector)],
                    interactiveRandomness: seed, proof: [], sealedCID: try tree.commR(), unsealedCID: nil))
        }
        let verifier = MockProofVerifier()
        #expect(verifier.verifyAggregateSeals(infos, proof: proofs[0] + proofs[1]) == nil)
        #expect(verifier.verifyAggregateSeals(infos, proof: proofs[1] + proofs[0])?.contains("sector 3") == true)
        #expect(verifier.verifyAggregateSeals(infos, proof: proofs[0])?.contains("too short") == true)
        #expect(verifier.verifyAggregateSeals(infos, proof: proofs[0] + proofs[1] + [0])?.contains("beyond") == true)
    }
}

/// The daemon's Window PoSt verifier checks each challenged sector's openings against its CommR.
@Suite("Mock Window PoSt verifier")
struct MockWindowPoStVerifierTests {
    @Test("a Window PoSt over a replica's tree verifies; one for other randomness, a missing sector or junk does not")
    func windowPoSt() throws {
        let replica = try MockReplica.seal([UInt8](repeating: 0, count: 2048), key: MockReplica.Key(ticket: [5], miner: 1000, sector: 9))
        let tree = try ReplicaTree(replica: replica)
        let randomness = [UInt8](repeating: 2, count: 32)
        let proof = MockWindowPoSt.challenges(randomness: randomness, sector: 9, leaves: 64).flatMap { index -> [UInt8] in
            let (leaf, siblings) = tree.opening(index)
            return leaf.bytes + siblings.flatMap(\.bytes)
        }
        let challenged = [ChallengedSector(sectorNumber: 9, sealProof: SectorSize.kib2.sealProof, sealedCID: try tree.commR())]
        func info(_ bytes: [UInt8], randomness: [UInt8], sectors: [ChallengedSector]) -> WindowPoStVerifyInfo {
            WindowPoStVerifyInfo(
                randomness: randomness, proofs: [PoStProof(postProof: 5, proofBytes: bytes)], challengedSectors: sectors, prover: 1000)
        }
        let verifier = MockProofVerifier()
        #expect(verifier.verifyWindowPoSt(info(proof, randomness: randomness, sectors: challenged)) == nil)
        #expect(verifier.verifyWindowPoSt(info(proof, randomness: [3] + randomness.dropFirst(), sectors: challenged)) != nil)
        #expect(verifier.verifyWindowPoSt(info(proof, randomness: randomness, sectors: challenged + challenged))?.contains("too short") == true)
        #expect(verifier.verifyWindowPoSt(info([1, 2, 3], randomness: randomness, sectors: challenged)) != nil)
        var unknown = challenged
        unknown[0].sealProof = 99
        #expect(verifier.verifyWindowPoSt(info(proof, randomness: randomness, sectors: unknown))?.contains("unknown seal proof") == true)
    }
}
