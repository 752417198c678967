import Multiformats
import SubsystemSupport

/// The client's deals in the daemon's metadata datastore: one JSON ``ClientDeal`` per deal under
/// `/deals/client/<ProposalCid>` (go-fil-markets' key), each written in one `put`.
struct ClientDealStore: Sendable {
    static let prefix = "/deals/client/"
    let records: JSONRecords<ClientDeal>

    init(metadata: any MetadataStore) {
        records = JSONRecords(metadata: metadata, prefix: Self.prefix, noun: "client deal record")
    }

    /// Stores `deal`.
    func save(_ deal: ClientDeal) throws { try records.save(deal, as: deal.proposalCid.description) }

    /// The deal for `proposal`, if stored.
    /// - Throws: `RPCError` naming the key of a corrupt record.
    func deal(_ proposal: CID) throws -> ClientDeal? { try records.record(proposal.description) }

    /// Every stored deal, oldest first.
    func all() throws -> [ClientDeal] {
        try records.all().sorted { ($0.creationTime, $0.proposalCid.description) < ($1.creationTime, $1.proposalCid.description) }
    }
}
