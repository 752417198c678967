import APICore

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
    /// `DealsPieceCidBlocklist`.
    func pieceCidBlocklist() async -> [CIDLink]
    /// `DealsSetPieceCidBlocklist` (persisted to config.toml).
    func setPieceCidBlocklist(_ cids: [CIDLink]) async throws
    /// `SectorGetExpectedSealDuration`: `[Dealmaking] ExpectedSealDuration` in nanoseconds.
    func expectedSealDuration() async -> Int64
    /// `SectorSetExpectedSealDuration` (persisted to config.toml).
    func setExpectedSealDuration(_ nanoseconds: Int64) async throws
}
