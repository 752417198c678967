
/// A miner's claim to produce an epoch's block (the daemon side of the mock election).
///
/// The miner's Mining subsystem reads the epoch's randomness (``DevnetChain/ticketRandomness(epoch:miner:)``,
/// ``DevnetChain/electionRandomness(epoch:miner:)``), signs both with its **worker key**, and submits them with its
/// winning PoSt. The chain accepts the submission iff both signatures are the worker's, the miner has at least
/// `ConsensusMinerMinPower`, and the election value — the first 8 bytes of blake2b-256 of the election
/// signature, as a fraction of 2^64 — is below the miner's share of the network's quality-adjusted power.
/// JSON: `{"Miner":"t01000","Epoch":12,"Ticket":{…},"ElectionProof":{…},"WinPoStProof":[…]}`.
public struct WinningSubmission: Sendable, Equatable, Codable {
    /// The miner's ID address.
    public var miner: Address
    /// The epoch the block is for: the head's height + 1.
    public var epoch: ChainEpoch
    /// The worker's signature over the ticket randomness.
    public var ticket: Signature
    /// The worker's signature over the election randomness.
    public var electionProof: Signature
    /// The winning PoSt proofs (checked by the chain's ``ProofVerifier``).
    public var winPoStProof: [PoStProof]

    /// Creates a submission.
    public init(miner: Address, epoch: ChainEpoch, ticket: Signature, electionProof: Signature, winPoStProof: [PoStProof]) {
        self.miner = miner
        self.epoch = epoch
        self.ticket = ticket
        self.electionProof = electionProof
        self.winPoStProof = winPoStProof
    }

    enum CodingKeys: String, CodingKey {
        case miner = "Miner", epoch = "Epoch", ticket = "Ticket", electionProof = "ElectionProof"
        case winPoStProof = "WinPoStProof"
    }
}
