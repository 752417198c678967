import MinerConfig

/// The `config.toml` of the chain daemon (`lotus daemon`, Lotus `config.FullNode`): the keys that matter for a
/// devnet daemon. `[API]`, `[Backup]`, `[Logging]` and `[Libp2p]` are the same tables as the miner's (declared once
/// in `MinerConfig`), with the full node's defaults; `[Fees]` holds the default `MaxFee` of `MpoolPushMessage`.
public struct FullNodeConfig: Sendable, Equatable {
    /// `[API]`: the JSON-RPC endpoint (`/ip4/127.0.0.1/tcp/1234/http` by default).
    public var api: APIConfig
    /// `[Backup]`: metadata log.
    public var backup: BackupConfig
    /// `[Logging]`: log levels.
    public var logging: LoggingConfig
    /// `[Libp2p]`: the chain daemon's libp2p host (used once the daemon runs one).
    public var libp2p: Libp2pConfig
    /// `[Fees]`: message fee defaults.
    public var fees: FullNodeFeesConfig

    /// Lotus v1.17.2 `config.DefaultFullNode()` for these tables.
    public init() {
        api = APIConfig()
        api.listenAddress = "/ip4/127.0.0.1/tcp/1234/http"
        api.remoteListenAddress = ""
        backup = BackupConfig()
        logging = LoggingConfig()
        libp2p = Libp2pConfig()
        fees = FullNodeFeesConfig()
    }
}

extension FullNodeConfig: ConfigDocument {
    /// ``init()``.
    public static var defaults: FullNodeConfig { FullNodeConfig() }

    /// `[API]`, `[Backup]`, `[Logging]`, `[Libp2p]`, `[Fees]`, in file order.
    public static let configSections: [ConfigSection<FullNodeConfig>] = [
        APIConfig.configSection.embedded(in: \.api),
        BackupConfig.configSection.embedded(in: \.backup),
        LoggingConfig.configSection.embedded(in: \.logging),
        Libp2pConfig.configSection.embedded(in: \.libp2p),
        FullNodeFeesConfig.configSection.embedded(in: \.fees),
    ]
}
