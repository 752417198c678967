import ChainTypes
import Multiformats

/// The storage market actor's state (Lotus `market.State`): escrow and locked funds per party, published deal
/// proposals and their on-chain states.
public struct MarketState: Sendable, Equatable, Codable {
    /// Deal ID → its proposal.
    public var proposals: StateMap<DealID, DealProposal>
    /// Deal ID → its state (present once published).
    public var states: StateMap<DealID, DealState>
    /// Party (client or provider) ID → funds held in escrow, including locked funds.
    public var escrow: StateMap<ActorID, TokenAmount>
    /// Party ID → the part of its escrow locked by published deals.
    public var locked: StateMap<ActorID, TokenAmount>
    /// The ID the next published deal gets.
    public var nextDealID: DealID

    /// An empty market.
    public init() {
        proposals = StateMap()
        states = StateMap()
        escrow = StateMap()
        locked = StateMap()
        nextDealID = 0
    }

    /// Escrow not locked by deals.
    public func available(_ party: ActorID) -> TokenAmount {
        (escrow[party] ?? .zero) - (locked[party] ?? .zero)
    }

    enum CodingKeys: String, CodingKey {
        case proposals = "Proposals", states = "States", escrow = "EscrowTable", locked = "LockedTable"
        case nextDealID = "NextID"
    }
}
