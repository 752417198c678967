import APICore
import ChainTypes
import Multiformats
import StorageMarket

/// The Markets subsystem's API: deal acceptance policy (and, as it grows, deals and retrievals). Implemented by
/// `MarketsActor` (target `Markets`), on the markets node.
public protocol MarketsAPI: SubsystemAPI where Methods == MarketsMethods {
    /// `DealsConsiderOnlineStorageDeals`.
    func considerOnlineStorageDeals() async -> Bool
    /// `DealsSetConsiderOnlineStorageDeals` (persisted to config.toml).
    func setConsiderOnlineStorageDeals(_ value: Bool) async throws
    /// `DealsConsiderOfflineStorageDeals`.
    func considerOfflineStorageDeals() async -> Bool
    /// `DealsSetConsiderOfflineStorageDeals` (persisted to config.toml).
    func setConsiderOfflineStorageDeals(_ value: Bool) async throws
    /// `DealsConsiderOnlineRetrievalDeals`.
    func considerOnlineRetrievalDeals() async -> Bool
    /// `DealsSetConsiderOnlineRetrievalDeals` (persisted to config.toml).
    func setConsiderOnlineRetrievalDeals(_ value: Bool) async throws
    /// `DealsConsiderOfflineRetrievalDeals`.
    func considerOfflineRetrievalDeals() async -> Bool
    /// `DealsSetConsiderOfflineRetrievalDeals` (persisted to config.toml).
    func setConsiderOfflineRetrievalDeals(_ value: Bool) async throws
    /// `DealsPieceCidBlocklist`.
    func pieceCidBlocklist() async -> [CIDLink]
    /// `DealsSetPieceCidBlocklist` (persisted to config.toml).
    func setPieceCidBlocklist(_ cids: [CIDLink]) async throws
    /// `SectorGetExpectedSealDuration`: `[Dealmaking] ExpectedSealDuration` in nanoseconds.
    func expectedSealDuration() async -> Int64
    /// `SectorSetExpectedSealDuration` (persisted to config.toml).
    func setExpectedSealDuration(_ nanoseconds: Int64) async throws

    /// `MarketListIncompleteDeals`: every storage deal this provider has taken, oldest first.
    func listIncompleteDeals() async throws -> [MinerDeal]
    /// `DealsImportData`: the data of an offline deal, from a file on the markets node.
    func importDealData(_ proposal: CID, path: String) async throws
    /// `MarketPendingDeals`: the deals waiting for the next PublishStorageDeals message.
    func pendingDeals() async throws -> PendingDealInfo
    /// `MarketPublishPendingDeals`: publishes the waiting deals now.
    func publishPendingDeals() async throws

    /// `PiecesListPieces`: the pieces this provider holds deals for.
    func listPieces() async throws -> [CID]
    /// `PiecesGetPieceInfo`: where a piece's deals were sealed.
    func pieceInfo(_ piece: CID) async throws -> PieceRecord
    /// `PiecesListCidInfos`: the payload CIDs this provider can serve.
    func listPayloads() async throws -> [CID]
    /// `PiecesGetCIDInfo`: the piece that holds a payload.
    func payloadInfo(_ payload: CID) async throws -> CIDInfo
    /// `MarketListRetrievalDeals`: every retrieval this provider served, is serving or refused, by deal number.
    func listRetrievalDeals() async throws -> [ProviderRetrievalDeal]
    /// `MarketListDataTransfers`: the online deals' data pushes.
    func listDataTransfers() async throws -> [DataTransferChannel]
    /// `DagstoreListShards`: the DAG store's shards, one per deal piece.
    func dagstoreListShards() async throws -> [DagstoreShardInfo]
    /// `DagstoreRegisterShard`: registers the shard of a piece this provider holds.
    func dagstoreRegisterShard(_ key: String) async throws
    /// `DagstoreInitializeShard`: indexes a registered shard from its piece.
    func dagstoreInitializeShard(_ key: String) async throws
    /// `DagstoreRecoverShard`: rebuilds an errored shard's index from its piece.
    func dagstoreRecoverShard(_ key: String) async throws
    /// `DagstoreLookupPieces`: the shards whose piece holds block `cid`.
    func dagstoreLookupPieces(_ cid: CID) async throws -> [DagstoreShardInfo]
    /// `DagstoreGC`: removes transient copies left behind.
    func dagstoreGC() async throws -> [DagstoreShardResult]
    /// `SectorsRefs`: each deal's piece in its sector, keyed by deal ID.
    func sectorsRefs() async throws -> [String: [SealedRef]]

    /// `MarketGetAsk`: the provider's current signed storage ask.
    func getAsk() async throws -> SignedStorageAsk
    /// `MarketSetAsk`: a new ask (prices per GiB per epoch, duration in epochs); `nil` sizes keep the previous ask's.
    @discardableResult
    func setAsk(price: TokenAmount, verifiedPrice: TokenAmount, duration: ChainEpoch, minPieceSize: UInt64?, maxPieceSize: UInt64?)
        async throws -> SignedStorageAsk
}
