import MinerConfig

/// The node's live configuration. Runtime setters (e.g. `SectorSetSealDelay`,
/// `DealsSetConsiderOnlineStorageDeals`) persist through it to config.toml, as Lotus does.
public protocol ConfigStore: Sendable {
    /// The configuration in force.
    func current() async -> MinerConfig
    /// Applies `change` and persists the result before returning.
    /// - Throws: when the file cannot be written; the configuration in force is then unchanged.
    func update(_ change: @Sendable (inout MinerConfig) -> Void) async throws
}

/// A ``ConfigStore`` that keeps the configuration in memory only (for nodes built without a repo).
public actor InMemoryConfigStore: ConfigStore {
    private var config: MinerConfig

    public init(_ config: MinerConfig) { self.config = config }

    public func current() -> MinerConfig { config }

    public func update(_ change: @Sendable (inout MinerConfig) -> Void) {
        change(&config)
    }
}
