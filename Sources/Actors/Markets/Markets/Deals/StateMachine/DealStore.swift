import Multiformats
import StorageMarket
import SubsystemSupport

/// The provider's deals in the markets node's metadata datastore: one JSON ``StorageMarket/MinerDeal`` per deal under
/// `/deals/provider/<ProposalCid>` (Lotus's key), each written in one `put`, so a crash leaves the old or the new record
/// and `lotus-shed market export-datastore` carries every deal.
public struct DealStore: Sendable {
    public static let prefix = "/deals/provider/"
    let records: JSONRecordStore<MinerDeal>

    public init(metadata: any MetadataStore) {
        records = JSONRecordStore(metadata: metadata, prefix: Self.prefix, what: "deal record", place: "the markets datastore")
    }

    /// Stores `deal`.
    public func save(_ deal: MinerDeal) throws { try records.put(deal, name: deal.proposalCid.description) }

    /// The deal for `proposal`, if stored.
    /// - Throws: `RPCError` naming the key of a corrupt record.
    public func deal(_ proposal: CID) throws -> MinerDeal? { try records.get(proposal.description) }

    /// Every stored deal, oldest first. A record that does not decode is reported, not skipped silently; keys
    /// further down (`/deals/provider/storage-ask/latest`, the ask) are not deals.
    public func all() throws -> [MinerDeal] {
        try records.all().sorted { ($0.creationTime, $0.proposalCid.description) < ($1.creationTime, $1.proposalCid.description) }
    }
}
