import APICore
import Foundation
import Multiformats
import StorageMarket
import SubsystemSupport

/// The provider's deals in the markets node's metadata datastore: one JSON ``StorageMarket/MinerDeal`` per deal under
/// `/deals/provider/<ProposalCid>` (Lotus's key), each written in one `put`, so a crash leaves the old or the new record
/// and `lotus-shed market export-datastore` carries every deal.
public struct DealStore: Sendable {
    public static let prefix = "/deals/provider/"
    let metadata: any MetadataStore

    public init(metadata: any MetadataStore) {
        self.metadata = metadata
    }

    /// Stores `deal`.
    public func save(_ deal: MinerDeal) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try metadata.put(Self.prefix + deal.proposalCid.description, Array(try encoder.encode(deal)))
    }

    /// The deal for `proposal`, if stored.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func deal(_ proposal: CID) throws -> MinerDeal? {
        let key = Self.prefix + proposal.description
        guard let bytes = try metadata.get(key) else { return nil }
        return try Self.decode(bytes, key: key)
    }

    /// Every stored deal, oldest first. A record that does not decode is reported, not skipped silently; keys
    /// further down (`/deals/provider/storage-ask/latest`, the ask) are not deals.
    public func all() throws -> [MinerDeal] {
        try metadata.query(prefix: Self.prefix).filter { !$0.key.dropFirst(Self.prefix.count).contains("/") }
            .map { try Self.decode($0.value, key: $0.key) }
            .sorted { ($0.creationTime, $0.proposalCid.description) < ($1.creationTime, $1.proposalCid.description) }
    }

    static func decode(_ bytes: [UInt8], key: String) throws -> MinerDeal {
        do {
            return try JSONDecoder().decode(MinerDeal.self, from: Data(bytes))
        } catch {
            throw RPCError(.methodError, "deal record \(key) in the markets datastore is corrupt: \(error)")
        }
    }
}
