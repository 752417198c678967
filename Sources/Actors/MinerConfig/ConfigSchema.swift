/// Every key of the miner's `config.toml`, in the order Lotus writes them, with its doc text, Go type, environment
/// variable and accessors. `ConfigFile` reads, writes and documents the file from this table.
public enum ConfigSchema {
    /// All sections in file order: API, Backup, Logging, Libp2p, Pubsub, Subsystems, Dealmaking (and its
    /// RetrievalPricing tables), IndexProvider, Proving, Sealing, Storage, Fees (and its batch fee tables),
    /// Addresses, DAGStore.
    public static let sections: [ConfigSection<MinerConfig>] = commonSections + marketsSections + miningSections + storageSections

    /// All keys in file order.
    public static let fields: [ConfigField<MinerConfig>] = sections.flatMap(\.fields)

    /// The key `key` of section `section` (exact spelling), if there is one.
    public static func field(section: String, key: String) -> ConfigField<MinerConfig>? {
        fields.first { $0.section == section && $0.key == key }
    }

    /// The key overridden by environment variable `name` (e.g. `LOTUS_SUBSYSTEMS_ENABLEMARKETS`), if any.
    public static func field(environmentVariable name: String) -> ConfigField<MinerConfig>? {
        fields.first { $0.environmentVariable == name }
    }
}

/// One TOML table of a `config.toml`, such as `[Subsystems]` or `[Dealmaking.RetrievalPricing.Default]`.
public struct ConfigSection<Config>: Sendable {
    /// The dotted table name, e.g. `Dealmaking.RetrievalPricing`.
    public let name: String
    /// The keys written directly in this table, in file order.
    public let fields: [ConfigField<Config>]

    /// Declares a table and its keys.
    public init(_ name: String, _ fields: [ConfigField<Config>]) {
        self.name = name
        self.fields = fields
    }

    /// The table's path: `["Dealmaking", "RetrievalPricing"]`.
    public var path: [String] { name.split(separator: ".").map(String.init) }

    /// How deeply the table is nested: 0 for `[API]`, 1 for `[Fees.MaxCommitBatchGasFee]`.
    public var depth: Int { path.count - 1 }

    /// The same table for a configuration that holds a `Config` at `path` (see ``ConfigField/embedded(in:)``).
    public func embedded<Root>(in path: any WritableKeyPath<Root, Config> & Sendable) -> ConfigSection<Root> {
        ConfigSection<Root>(name, fields.map { $0.embedded(in: path) })
    }
}

/// A whole `config.toml` document type: its tables in file order and its defaults. ``MinerConfig`` is one; the
/// full node (`lotus daemon`) has its own. `ConfigFile` reads, renders and overrides any of them the same way.
public protocol ConfigDocument: Sendable, Equatable {
    /// Every table, in the order the file is written.
    static var configSections: [ConfigSection<Self>] { get }
    /// The values of keys a file does not set.
    static var defaults: Self { get }
}

extension ConfigDocument {
    /// All keys in file order.
    public static var configFields: [ConfigField<Self>] { configSections.flatMap(\.fields) }
}

extension MinerConfig: ConfigDocument {
    /// ``ConfigSchema/sections``.
    public static var configSections: [ConfigSection<MinerConfig>] { ConfigSchema.sections }
}
