import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import MarketsAPI
import MinerConfig
import MiningAPI
import Multiformats
import SealingAPI
import SectorStorageAPI
import ServiceLifecycle
import StorageMarket
import SubsystemSupport

/// The Markets subsystem: the provider side of storage deals (proposals, data, publishing, hand-off to sealing, the
/// chain's view of each deal) and the deal acceptance policy. Every setter persists to config.toml as Lotus's
/// `Deals*Set*` methods do; every deal persists to the metadata datastore before the provider acts on it.
public actor MarketsActor: MarketsAPI, Service {
    let config: any ConfigStore
    /// The chain daemon: deal publishing, market balances and deal states.
    let chain: SubsystemRef<FullNodeMethods>?
    /// Where accepted deals are handed to be sealed: the local Sealing actor in the monolith, the mining node in a split.
    let sealing: SubsystemRef<SealingMethods>?
    /// The Mining API (local or on the mining node): the miner's address.
    let mining: SubsystemRef<MiningMethods>?
    /// The sector index (local, or the mining node's `SectorIndexApiInfo`): where unsealed copies are served.
    let sectorIndex: SubsystemRef<SectorStorageMethods>?
    /// Reads the unsealed copies another node serves at `/remote`; `nil` where every path is this node's own.
    let remoteReader: (any RemoteSectorReader)?
    let deals: DealStore
    /// Which deals' pieces are in which sectors.
    let pieces: PieceStore
    /// The provider's signed storage ask.
    let asks: AskStore
    /// The DAG store: a block index per deal piece (`nil` where no path for it was given).
    let dagstore: DAGStore?
    /// The retrievals served and refused.
    let retrievals: RetrievalDealStore
    /// The next retrieval deal number, once the stored deals have been read.
    var nextRetrievalID: UInt64?
    /// Refused retrieval requests stored so far (counted from the datastore on first use); past
    /// ``maxRejectedRetrievalRecords`` further refusals are answered and logged but not stored.
    var rejectedRetrievalRecords: Int?
    /// Where deal data waits until it is handed to sealing (`<repo>/deal-staging`).
    let staging: DealStaging
    /// This node's libp2p peer ID (the `Miner` of its deals).
    let peerID: String
    let logger: Logger
    let pollInterval: Duration
    /// This node's storage paths (its `storage.json`), where unsealed copies may be read.
    let localPaths: @Sendable () throws -> [String]
    /// The deals being driven now, by proposal CID: one task each, so a deal never runs two steps at once.
    var driving: [String: Task<Void, Never>] = [:]
    var publishQueue: DealPublishQueue?
    /// Deals, by proposal CID, that a PublishStorageDeals message may carry although no message CID is stored with
    /// them: resumed in Publish after a restart, or retried after an attempt that joined a batch. Only these look for
    /// themselves on chain before they publish, because that look reads every deal of the market actor.
    var mayBePublished: Set<String> = []
    /// The chain head's height for the deals that follow the chain, read once for all of them.
    let dealsHead: ChainHeadCache
    /// Online data transfers running now (`SimultaneousTransfersForStorage`).
    let transferSlots = TransferSlots()
    var providerCache: ProviderIdentity?

    /// - Parameters:
    ///   - chain: the chain daemon's API; `nil` on a node started without `FULLNODE_API_INFO`.
    ///   - sealing: the Sealing API, local or remote as `[Subsystems]` says.
    ///   - mining: the Mining API, local or remote.
    ///   - sectorIndex: the sector index, local or remote: where to find an unsealed copy this node has no path to.
    ///   - remoteReader: reads such a copy from the node that serves it; `nil` in the monolith.
    ///   - metadata: the node's metadata datastore, where deals are kept.
    ///   - stagingPath: the deal-staging directory.
    ///   - localPaths: this node's storage paths, read for unsealed copies of pieces.
    ///   - dagstore: the DAG store (`[DAGStore] RootDir` or `<repo>/dagstore`).
    public init(
        config: any ConfigStore, chain: SubsystemRef<FullNodeMethods>?, sealing: SubsystemRef<SealingMethods>?,
        mining: SubsystemRef<MiningMethods>? = nil, sectorIndex: SubsystemRef<SectorStorageMethods>? = nil,
        remoteReader: (any RemoteSectorReader)? = nil, metadata: any MetadataStore, stagingPath: String, peerID: String,
        logger: Logger = Logger(label: "markets"), pollInterval: Duration = .milliseconds(500),
        localPaths: @escaping @Sendable () throws -> [String] = { [] }, dagstore: DAGStore? = nil
    ) {
        self.config = config
        self.chain = chain
        self.sealing = sealing
        self.mining = mining
        self.sectorIndex = sectorIndex
        self.remoteReader = remoteReader
        self.deals = DealStore(metadata: metadata)
        self.pieces = PieceStore(metadata: metadata)
        self.asks = AskStore(metadata: metadata)
        self.retrievals = RetrievalDealStore(metadata: metadata)
        self.staging = DealStaging(path: stagingPath)
        self.peerID = peerID
        self.logger = logger
        self.pollInterval = pollInterval
        self.dealsHead = ChainHeadCache(maxAge: pollInterval) {
            try await ChainDependency.require(chain, for: "storage deals").call(\.chainHead).height
        }
        self.localPaths = localPaths
        self.dagstore = dagstore
    }

    public func considerOnlineStorageDeals() async -> Bool {
        await config.current().dealmaking.considerOnlineStorageDeals
    }

    public func setConsiderOnlineStorageDeals(_ value: Bool) async throws {
        try await config.update { $0.dealmaking.considerOnlineStorageDeals = value }
    }

    public func considerOfflineStorageDeals() async -> Bool {
        await config.current().dealmaking.considerOfflineStorageDeals
    }

    public func setConsiderOfflineStorageDeals(_ value: Bool) async throws {
        try await config.update { $0.dealmaking.considerOfflineStorageDeals = value }
    }

    public func considerOnlineRetrievalDeals() async -> Bool {
        await config.current().dealmaking.considerOnlineRetrievalDeals
    }

    public func setConsiderOnlineRetrievalDeals(_ value: Bool) async throws {
        try await config.update { $0.dealmaking.considerOnlineRetrievalDeals = value }
    }

    public func considerOfflineRetrievalDeals() async -> Bool {
        await config.current().dealmaking.considerOfflineRetrievalDeals
    }

    public func setConsiderOfflineRetrievalDeals(_ value: Bool) async throws {
        try await config.update { $0.dealmaking.considerOfflineRetrievalDeals = value }
    }

    public func pieceCidBlocklist() async -> [CIDLink] {
        await config.current().dealmaking.pieceCidBlocklist.map(CIDLink.init)
    }

    public func setPieceCidBlocklist(_ cids: [CIDLink]) async throws {
        for cid in cids where !CIDLink.looksValid(cid.cid) {
            throw RPCError(.methodError, "invalid piece CID '\(cid.cid)': expected a CIDv1 in base32 such as baga6ea4sea…")
        }
        try await config.update { $0.dealmaking.pieceCidBlocklist = cids.map(\.cid) }
    }

    /// `[Dealmaking] ExpectedSealDuration` in nanoseconds.
    public func expectedSealDuration() async -> Int64 {
        await config.current().dealmaking.expectedSealDuration.nanoseconds
    }

    public func setExpectedSealDuration(_ nanoseconds: Int64) async throws {
        let duration = try GoDuration.nonNegative(nanoseconds, "expected seal duration")
        try await config.update { $0.dealmaking.expectedSealDuration = duration }
    }

    /// Resumes every deal that was in flight when the node stopped, then waits for shutdown.
    public func run() async throws {
        endInterruptedRetrievals()
        resumeDeals()
        try? await gracefulShutdown()
        for task in driving.values { task.cancel() }
        for task in driving.values { await task.value }
    }
}
