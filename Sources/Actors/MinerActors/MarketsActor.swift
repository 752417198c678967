import APICore
import MinerConfig
import ServiceLifecycle

/// The Markets subsystem: deal acceptance policy now; deals, retrieval and libp2p in later issues.
/// Every setter persists to config.toml as Lotus's `Deals*Set*` methods do.
public actor MarketsActor: SubsystemAPI, Service {
    public typealias Methods = MarketsMethods
    public static var subsystem: Subsystem { .markets }

    private let config: any ConfigStore

    public init(config: any ConfigStore) {
        self.config = config
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
