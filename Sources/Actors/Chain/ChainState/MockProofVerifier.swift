import ChainTypes
import MockProofs
import Multiformats
import PieceCommitment

/// The daemon's verifier: seal proofs are checked against the sector's data through CommR (``MockProofs/MockSealProof``:
/// openings of the replica tree at nodes the interactive seed chooses, so only a prover that holds the replica
/// committed to can pass). Aggregates and PoSts are checked structurally until the pipeline aggregates and the Window
/// PoSt scheduler proves over sealed files.
public struct MockProofVerifier: ProofVerifier {
    let structural = StructuralProofVerifier()

    public init() {}

    public func verifySeal(_ info: SealVerifyInfo) -> String? {
        if let reason = structural.verifySeal(info) { return reason }
        guard let size = SectorSize(sealProof: info.sealProof) else { return "unknown seal proof type \(info.sealProof)" }
        guard info.sealedCID.codec == .filCommitmentSealed, let commR = try? Commitment(bytes: info.sealedCID.multihash.digest) else {
            return "sealed CID \(info.sealedCID) does not carry a 32-byte CommR"
        }
        return MockSealProof.verify(info.proof, commR: commR, seed: info.interactiveRandomness, sector: info.sectorNumber, sectorSize: size.bytes)
    }

    public func verifyAggregateSeals(_ infos: [SealVerifyInfo], proof: [UInt8]) -> String? {
        structural.verifyAggregateSeals(infos, proof: proof)
    }

    public func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) -> String? {
        structural.verifyWindowPoSt(info)
    }

    public func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) -> String? {
        structural.verifyWinningPoSt(info)
    }
}
