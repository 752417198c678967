import ConfigFile
import MinerConfig
import SubsystemSupport

/// The live configuration backed by the repo's config.toml: runtime setters rewrite the file
/// (atomically, uncommented, as Lotus's `SetConfig`), then take effect.
public actor FileConfigStore: ConfigStore {
    private var config: MinerConfig
    private let path: String

    public init(config: MinerConfig, path: String) {
        self.config = config
        self.path = path
    }

    public func current() -> MinerConfig { config }

    public func update(_ change: @Sendable (inout MinerConfig) -> Void) throws {
        var next = config
        change(&next)
        try ConfigFile.write(next, to: path)
        config = next
    }
}
