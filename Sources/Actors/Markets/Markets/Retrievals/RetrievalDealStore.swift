import MarketsAPI
import SubsystemSupport

/// The provider's retrieval deals in the markets node's metadata datastore: one JSON
/// ``MarketsAPI/ProviderRetrievalDeal`` per deal under `/retrievals/provider/1/<peer>/<id>` (Lotus's prefix and its
/// deal identifier), each written in one `put`, so a crash leaves the old or the new record and a backup carries them.
public struct RetrievalDealStore: Sendable {
    public static let prefix = "/retrievals/provider/1/"
    let records: JSONRecords<ProviderRetrievalDeal>

    public init(metadata: any MetadataStore) {
        records = JSONRecords(metadata: metadata, prefix: Self.prefix, noun: "retrieval deal record")
    }

    /// Stores `deal`.
    public func save(_ deal: ProviderRetrievalDeal) throws {
        try records.save(deal, as: "\(deal.receiver)/\(deal.id)")
    }

    /// Deal `id` of client `receiver`, if stored.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func deal(_ id: UInt64, of receiver: String) throws -> ProviderRetrievalDeal? {
        try records.record("\(receiver)/\(id)")
    }

    /// Every stored deal, by deal number.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func all() throws -> [ProviderRetrievalDeal] {
        try records.all(nested: true).sorted { ($0.id, $0.receiver) < ($1.id, $1.receiver) }
    }
}
