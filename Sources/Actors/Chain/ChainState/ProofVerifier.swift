import ChainTypes
import Multiformats

/// Checks the proof bytes in prove-commit and Window PoSt messages.
///
/// The chain itself checks everything that needs no sector data — timing against the challenge delay and the
/// deadline, sector numbers and their partitions, proof types, caller authorisation, chain-commit randomness —
/// and hands the rest to a verifier. The sealing issue supplies a verifier whose mock proofs depend on the sector
/// data (a proof only verifies if the prover read the challenged sector bytes); until then the chain runs
/// ``StructuralProofVerifier``. The verify-info types carry every input such a verifier needs.
public protocol ProofVerifier: Sendable {
    /// Verifies one sector's seal proof; returns a reason when it does not verify.
    func verifySeal(_ info: SealVerifyInfo) -> String?
    /// Verifies an aggregate proof over several sectors' seals; returns a reason when it does not verify.
    func verifyAggregateSeals(_ infos: [SealVerifyInfo], proof: [UInt8]) -> String?
    /// Verifies a Window PoSt over `info.challengedSectors`; returns a reason when it does not verify.
    func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) -> String?
    /// Verifies a block winner's winning PoSt; returns a reason when it does not verify.
    func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) -> String?
}

/// Inputs to a seal proof check (go-state-types `proof.SealVerifyInfo`).
public struct SealVerifyInfo: Sendable, Equatable {
    /// The seal proof type.
    public var sealProof: Int64
    /// The miner.
    public var miner: ActorID
    /// The sector.
    public var sectorNumber: SectorNumber
    /// Deals in the sector.
    public var dealIDs: [DealID]
    /// The ticket: chain randomness at the pre-commit's `SealRandEpoch`.
    public var randomness: [UInt8]
    /// The interactive seed: chain randomness at pre-commit epoch + `PreCommitChallengeDelay`.
    public var interactiveRandomness: [UInt8]
    /// The proof bytes (empty for members of an aggregate).
    public var proof: [UInt8]
    /// CommR.
    public var sealedCID: CID
    /// CommD, if the miner gave it.
    public var unsealedCID: CID?

    /// Creates seal-verification inputs.
    public init(
        sealProof: Int64, miner: ActorID, sectorNumber: SectorNumber, dealIDs: [DealID], randomness: [UInt8],
        interactiveRandomness: [UInt8], proof: [UInt8], sealedCID: CID, unsealedCID: CID?
    ) {
        self.sealProof = sealProof
        self.miner = miner
        self.sectorNumber = sectorNumber
        self.dealIDs = dealIDs
        self.randomness = randomness
        self.interactiveRandomness = interactiveRandomness
        self.proof = proof
        self.sealedCID = sealedCID
        self.unsealedCID = unsealedCID
    }
}

/// Inputs to a Window PoSt check (go-state-types `proof.WindowPoStVerifyInfo`).
public struct WindowPoStVerifyInfo: Sendable, Equatable {
    /// The challenge: chain randomness at the deadline's challenge epoch.
    public var randomness: [UInt8]
    /// The proofs as submitted.
    public var proofs: [PoStProof]
    /// The sectors the proof must cover (live, not skipped, not faulty unless recovering), with their CommR.
    public var challengedSectors: [ChallengedSector]
    /// The miner.
    public var prover: ActorID

    /// Creates Window PoSt inputs.
    public init(randomness: [UInt8], proofs: [PoStProof], challengedSectors: [ChallengedSector], prover: ActorID) {
        self.randomness = randomness
        self.proofs = proofs
        self.challengedSectors = challengedSectors
        self.prover = prover
    }
}

/// A sector a Window PoSt must cover (go-state-types `proof.SectorInfo`).
public struct ChallengedSector: Sendable, Equatable {
    /// The sector number.
    public var sectorNumber: SectorNumber
    /// Its seal proof type.
    public var sealProof: Int64
    /// Its CommR.
    public var sealedCID: CID

    /// Creates an entry.
    public init(sectorNumber: SectorNumber, sealProof: Int64, sealedCID: CID) {
        self.sectorNumber = sectorNumber
        self.sealProof = sealProof
        self.sealedCID = sealedCID
    }
}

/// The verifier the chain uses until the sealing issue installs its data-dependent one: it checks what can be
/// checked without sector data — a non-empty proof of at most ``maxProofBytes`` bytes (proof types are checked
/// by the chain before it calls a verifier) — and says so in its reasons. It never inspects proof contents.
public struct StructuralProofVerifier: ProofVerifier {
    /// Largest proof accepted (a real aggregate of 819 sectors is under 200 KiB).
    public static let maxProofBytes = 256 * 1024

    /// Creates the verifier.
    public init() {}

    /// Checks that the seal proof is present and bounded.
    public func verifySeal(_ info: SealVerifyInfo) -> String? {
        check(info.proof, what: "seal proof for sector \(info.sectorNumber)")
    }

    /// Checks that the aggregate proof is present and bounded.
    public func verifyAggregateSeals(_ infos: [SealVerifyInfo], proof: [UInt8]) -> String? {
        check(proof, what: "aggregate seal proof for \(infos.count) sectors")
    }

    /// Checks that there are proofs and each is present and bounded.
    public func verifyWindowPoSt(_ info: WindowPoStVerifyInfo) -> String? {
        guard !info.proofs.isEmpty else { return "Window PoSt carries no proofs" }
        for proof in info.proofs {
            if let reason = check(proof.proofBytes, what: "Window PoSt proof") { return reason }
        }
        return nil
    }

    /// Checks that there is one proof, present and bounded.
    public func verifyWinningPoSt(_ info: WinningPoStVerifyInfo) -> String? {
        guard info.proofs.count == 1 else { return "expected one winning PoSt proof, got \(info.proofs.count)" }
        return check(info.proofs[0].proofBytes, what: "winning PoSt proof")
    }

    private func check(_ proof: [UInt8], what: String) -> String? {
        if proof.isEmpty { return "\(what) is empty" }
        if proof.count > Self.maxProofBytes { return "\(what) is \(proof.count) bytes (at most \(Self.maxProofBytes))" }
        return nil
    }
}

/// Inputs to a winning PoSt check (go-state-types `proof.WinningPoStVerifyInfo`).
public struct WinningPoStVerifyInfo: Sendable, Equatable {
    /// The challenge: chain randomness of the parent epoch (domain `WinningPoStChallengeSeed`).
    public var randomness: [UInt8]
    /// The proofs as submitted.
    public var proofs: [PoStProof]
    /// The miner's active sectors, from which the verifier derives the challenged ones.
    public var eligibleSectors: [ChallengedSector]
    /// The miner.
    public var prover: ActorID

    /// Creates winning PoSt inputs.
    public init(randomness: [UInt8], proofs: [PoStProof], eligibleSectors: [ChallengedSector], prover: ActorID) {
        self.randomness = randomness
        self.proofs = proofs
        self.eligibleSectors = eligibleSectors
        self.prover = prover
    }
}
