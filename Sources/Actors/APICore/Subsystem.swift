/// One of the four storage-provider subsystems, or the API groups every node serves.
///
/// Encoded on the wire as Lotus's `MinerSubsystem` strings (`"Mining"`, `"Sealing"`, `"SectorStorage"`, `"Markets"`).
public struct Subsystem: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let mining = Subsystem(rawValue: "Mining")
    public static let sealing = Subsystem(rawValue: "Sealing")
    public static let sectorStorage = Subsystem(rawValue: "SectorStorage")
    public static let markets = Subsystem(rawValue: "Markets")
    /// Methods every node serves (Version, Auth*, Log*, Shutdown, Session, Closing, RuntimeSubsystems).
    public static let common = Subsystem(rawValue: "Common")
    /// The chain daemon's API (Lotus `api.FullNode` without `Common`): chain, state, mpool, wallet, market, and the
    /// storage client's methods; here, not in `FullNodeAPI`, because `ClientAPI` serves under it too.
    public static let fullNode = Subsystem(rawValue: "FullNode")

    /// The miner subsystems in Lotus's display order (`ExtractEnabledMinerSubsystems`).
    public static let minerSubsystems: [Subsystem] = [.mining, .sealing, .sectorStorage, .markets]

    /// The `[Subsystems]` key that enables this subsystem, for error messages.
    public var configKey: String { "Enable\(rawValue)" }

    public var description: String { rawValue }
}
