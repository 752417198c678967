import APICore
import FullNodeAPI
import MarketsAPI
import MinerConfig
import SealingAPI
import ServiceLifecycle
import SubsystemSupport

/// The Markets subsystem: deal acceptance policy now; deals, retrieval and libp2p in later issues.
/// Every setter persists to config.toml as Lotus's `Deals*Set*` methods do.
public actor MarketsActor: MarketsAPI, Service {
    private let config: any ConfigStore
    /// The chain daemon: deal publishing, market balances and deal states.
    private let chain: SubsystemRef<FullNodeMethods>?
    /// Where accepted deals are handed to be sealed: the local Sealing actor in the monolith, the mining node in a split.
    private let sealing: SubsystemRef<SealingMethods>?

    /// - Parameters:
    ///   - chain: the chain daemon's API; `nil` on a node started without `FULLNODE_API_INFO`.
    ///   - sealing: the Sealing API, local or remote as `[Subsystems]` says.
    public init(config: any ConfigStore, chain: SubsystemRef<FullNodeMethods>?, sealing: SubsystemRef<SealingMethods>?) {
        self.config = config
        self.chain = chain
        self.sealing = sealing
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

    public func run() async throws {
        try? await gracefulShutdown()
    }
}
