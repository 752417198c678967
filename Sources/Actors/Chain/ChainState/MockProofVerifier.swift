import ChainTypes
import MockProofs
import Multiformats
import PieceCommitment

/// The daemon's verifier: seal proofs are checked against the sector's data through CommR (``MockProofs/MockSealProof``:
/// openings of the replica tree at nodes the interactive seed chooses, so only a prover that holds the replica
/// committed to can pass); Window PoSts against each challenged sector's CommR (``MockProofs/MockWindowPoSt``: openings
/// at leaves the deadline's challenge picks, read by the prover from its sealed files), and winning PoSts the same way
/// over the one sector the epoch challenges (``MockProofs/MockWinningPoSt``); an aggregate is its sectors' seal proofs,
/// each checked.
public struct MockProofVerifier: ProofVerifier {
    let structural = StructuralProofVerifier()

    public init() {}

    public func verifySeal(_ info: SealVerifyInfo) -> String? {
        if let reason = structural.verifySeal(info) { return reason }
        guard let size = SectorSize(sealProof: info.sealProof) else { return "unknown seal proof type \(info.sealProof)" }
        guard let commR = Self.commR(info.sealedCID) else {
            return "sealed CID \(info.sealedCID) does not carry a 32-byte CommR"
        }
        return MockSealProof.verify(info.proof, commR: commR, seed: info.interactiveRandomness, sector: info.sectorNumber, sectorSize: size.bytes)
    }

    /// The devnet's aggregate is the sectors' seal proofs in the order of `infos` (ascending sector numbers), each
    /// checked like a single one.
    public func verifyAggregateSeals(_ infos: [SealVerifyInfo], proof: [UInt8]) -> String? {
        if let reason = structural.verifyAggregateSeals(infos, proof: proof) { return reason }
        var offset = 0
        for info in infos {
            guard let size = SectorSize(sealProof: info.sealProof),
                case .success(let leaves) = ReplicaOpenings.leafCount(sectorSize: size.bytes)
            else { return "sector \(info.sectorNumber): unknown seal proof type \(info.sealProof)" }
            let length = MockSealProof.challengeCount * ReplicaOpenings.openingSize(leaves: leaves)
            guard proof.count - offset >= length else { return "aggregate proof is too short for sector \(info.sectorNumber)" }
            var single = info
            single.proof = Array(proof[offset..<offset + length])
            if let reason = verifySeal(single) { return "sector \(info.sectorNumber): \(reason)" }
            offset += length
        }
        return offset == proof.count ? nil : "aggregate proof has \(proof.count - offset) bytes beyond its \(infos.count) sectors"
    }

    public func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) -> String? {
        if let reason = structural.verifyWindowPoSt(info) { return reason }
        guard info.proofs.count == 1 else { return "expected one Window PoSt proof, got \(info.proofs.count)" }
        var sectors: [MockWindowPoSt.Sector] = []
        for challenged in info.challengedSectors {
            guard let size = SectorSize(sealProof: challenged.sealProof) else {
                return "sector \(challenged.sectorNumber) has unknown seal proof type \(challenged.sealProof)"
            }
            guard let commR = Self.commR(challenged.sealedCID) else {
                return "sector \(challenged.sectorNumber): sealed CID \(challenged.sealedCID) does not carry a 32-byte CommR"
            }
            sectors.append(MockWindowPoSt.Sector(number: challenged.sectorNumber, commR: commR, sectorSize: size.bytes))
        }
        return MockWindowPoSt.verify(info.proofs[0].proofBytes, randomness: info.randomness, sectors: sectors)
    }

    /// The 32-byte CommR a sealed CID carries, if it is one.
    static func commR(_ cid: CID) -> Commitment? {
        guard cid.codec == .filCommitmentSealed else { return nil }
        return try? Commitment(bytes: cid.multihash.digest)
    }

    public func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) -> String? {
        if let reason = structural.verifyWinningPoSt(info) { return reason }
        var eligible: [MockWindowPoSt.Sector] = []
        for sector in info.eligibleSectors.sorted(by: { $0.sectorNumber < $1.sectorNumber }) {
            guard let size = SectorSize(sealProof: sector.sealProof), let commR = Self.commR(sector.sealedCID) else {
                return "sector \(sector.sectorNumber) has no known seal proof type or CommR"
            }
            eligible.append(MockWindowPoSt.Sector(number: sector.sectorNumber, commR: commR, sectorSize: size.bytes))
        }
        return MockWinningPoSt.verify(info.proofs[0].proofBytes, randomness: info.randomness, eligible: eligible)
    }
}
