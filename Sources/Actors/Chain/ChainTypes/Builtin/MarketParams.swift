
/// Market `WithdrawBalance` parameters (builtin-actors `market::WithdrawBalanceParams`).
public struct MarketWithdrawBalanceParams: MethodParams, Equatable {
    /// Whose escrow: a client, or a provider (miner).
    public var providerOrClientAddress: Address
    /// How much to withdraw (capped at the unlocked escrow).
    public var amount: TokenAmount

    /// Creates parameters.
    public init(providerOrClientAddress: Address, amount: TokenAmount) {
        self.providerOrClientAddress = providerOrClientAddress
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey { case providerOrClientAddress = "ProviderOrClientAddress", amount = "Amount" }
}

/// A deal proposal with the client's signature over its CBOR (Lotus `market.ClientDealProposal`).
public struct ClientDealProposal: MethodParams, Hashable {
    /// The proposal.
    public var proposal: DealProposal
    /// The client's signature over ``DealProposal/cborBytes``.
    public var clientSignature: Signature

    /// Creates a signed proposal.
    public init(proposal: DealProposal, clientSignature: Signature) {
        self.proposal = proposal
        self.clientSignature = clientSignature
    }

    enum CodingKeys: String, CodingKey { case proposal = "Proposal", clientSignature = "ClientSignature" }
}

/// `PublishStorageDeals` parameters.
public struct PublishStorageDealsParams: MethodParams, Equatable {
    /// The deals, all for the same provider.
    public var deals: [ClientDealProposal]

    /// Creates parameters.
    public init(deals: [ClientDealProposal]) { self.deals = deals }

    enum CodingKeys: String, CodingKey { case deals = "Deals" }
}

/// `PublishStorageDeals` return value: the IDs of the published deals and which inputs they were.
public struct PublishStorageDealsReturn: MethodParams, Equatable {
    /// The new deal IDs, in input order of the valid deals.
    public var ids: [DealID]
    /// Indices (into the params' deals) of the deals that were valid and published.
    public var validDeals: BitField

    /// Creates a return value.
    public init(ids: [DealID], validDeals: BitField) {
        self.ids = ids
        self.validDeals = validDeals
    }

    enum CodingKeys: String, CodingKey { case ids = "IDs", validDeals = "ValidDeals" }
}
