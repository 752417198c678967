import Foundation
import MinerConfig

/// Reads and writes `config.toml` exactly as `lotus-miner` does (Lotus v1.17.2 `node/config/load.go`).
///
/// - ``load(path:defaults:environment:)``: TOML on top of the defaults, then `LOTUS_*` environment overrides.
/// - ``commentedDefault()``: the documented, fully commented file `init` writes and `config default` prints.
/// - ``render(_:comment:)`` / ``updated(_:comment:defaults:)``: `config default` / `config updated` output.
/// - ``write(_:to:)``: the plain TOML `SetConfig` writes, replaced atomically.
///
/// Every error is a ``ConfigError`` naming the file, the key (`[Subsystems] EnableMarkets`) and what was expected.
public enum ConfigFile {
    /// Loads a configuration file.
    ///
    /// A missing file means pure defaults. Keys present in the file replace the defaults, absent keys keep them,
    /// unknown keys are ignored (as in Lotus). Environment variables `LOTUS_<SECTION>_<KEY>` are applied last, also
    /// when the file is missing (Lotus skips them then; we do not).
    /// - Parameters:
    ///   - path: The `config.toml` to read.
    ///   - defaults: The values of keys the file does not set, ``MinerConfig/defaults`` unless merging a seed config
    ///     onto an existing one.
    ///   - environment: Variables to take `LOTUS_*` overrides from.
    /// - Throws: ``ConfigError`` for an unreadable file, a TOML syntax error (with line and column) or a bad value.
    public static func load(
        path: String, defaults: MinerConfig = .defaults,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> MinerConfig {
        try load(path: path, onto: defaults, environment: environment)
    }

    /// Loads a configuration file of any node type (the full node's, the miner's) on top of `defaults`, with the
    /// rules of ``load(path:defaults:environment:)``.
    /// - Throws: ``ConfigError`` for an unreadable file, a TOML syntax error (with line and column) or a bad value.
    public static func load<Config: ConfigDocument>(
        path: String, onto defaults: Config, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Config {
        var config = defaults
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                guard let decoded = String(data: data, encoding: .utf8) else {
                    throw ConfigError(file: path, message: "expected UTF-8 text")
                }
                text = decoded
            } catch let error as ConfigError {
                throw error
            } catch {
                throw ConfigError(file: path, message: "cannot read: \(error.localizedDescription)")
            }
            try TOMLConfigReader<Config>(file: path).apply(text, to: &config)
        }
        try EnvironmentOverrides<Config>(environment: environment).apply(to: &config)
        return config
    }

    /// Parses TOML text on top of `defaults`, without environment overrides.
    /// - Parameters:
    ///   - toml: The document.
    ///   - file: The name used in error messages.
    ///   - defaults: The values of keys the document does not set.
    /// - Throws: ``ConfigError`` for a TOML syntax error or a bad value.
    public static func parse(
        _ toml: String, file: String = "config.toml", defaults: MinerConfig = .defaults
    ) throws -> MinerConfig {
        try parse(toml, file: file, onto: defaults)
    }

    /// Parses TOML text of any node type's configuration on top of `defaults`, without environment overrides.
    /// - Throws: ``ConfigError`` for a TOML syntax error or a bad value.
    public static func parse<Config: ConfigDocument>(_ toml: String, file: String = "config.toml", onto defaults: Config) throws -> Config {
        var config = defaults
        try TOMLConfigReader<Config>(file: file).apply(toml, to: &config)
        return config
    }

    /// Applies `LOTUS_<SECTION>_<KEY>` overrides from `environment` to `config`, e.g.
    /// `LOTUS_SUBSYSTEMS_ENABLEMARKETS=false`, `LOTUS_API_LISTENADDRESS=/ip4/0.0.0.0/tcp/2345/http`,
    /// `LOTUS_DEALMAKING_RETRIEVALPRICING_STRATEGY=external`. Lists are comma-separated.
    /// - Throws: ``ConfigError`` naming the variable when its value does not parse.
    public static func applyEnvironment<Config: ConfigDocument>(_ environment: [String: String], to config: inout Config) throws {
        try EnvironmentOverrides<Config>(environment: environment).apply(to: &config)
    }

    /// The file `lotus-miner init` writes and `lotus-miner config default` prints: every key documented and
    /// commented out, so the file holds no settings of its own. (`config default` prints it followed by a newline,
    /// as Go's `fmt.Println` does.)
    public static func commentedDefault() -> String {
        render(MinerConfig.defaults, comment: true)
    }

    /// The fully commented default file of any node type (what `lotus daemon` writes into a new repo).
    public static func commentedDefault<Config: ConfigDocument>(for type: Config.Type) -> String {
        render(document: Config.defaults, comment: true)
    }

    /// `config default` output for `config`.
    /// - Parameter comment: `true`: Lotus `ConfigComment` (docs, `# type:`, `# env var:`, every value commented
    ///   out). `false` (`--no-comment`): plain TOML of the values.
    public static func render(_ config: MinerConfig, comment: Bool) -> String {
        render(document: config, comment: comment)
    }

    /// `config default` output for any node type's configuration (see ``render(_:comment:)``).
    public static func render<Config: ConfigDocument>(document config: Config, comment: Bool) -> String {
        let renderer = ConfigRenderer(config: config, defaults: nil)
        return comment ? renderer.commented() : renderer.plain()
    }

    /// `config updated` output: with `comment`, every key documented and the values equal to `defaults` commented
    /// out, so only changed settings are live; without it (`--no-comment`), plain TOML of every value, as Lotus.
    ///
    /// Unlike Lotus, a value is compared with the default of the same key (Lotus compares whole lines across
    /// sections, and then fails its own check when two sections share a `key = value` line).
    /// - Throws: ``ConfigError`` `updated config didn't match current config` if the output does not read back as
    ///   `config`.
    public static func updated(_ config: MinerConfig, comment: Bool, defaults: MinerConfig = .defaults) throws -> String {
        try updated(document: config, comment: comment, defaults: defaults)
    }

    /// `config updated` output for any node type's configuration (see ``updated(_:comment:defaults:)``).
    public static func updated<Config: ConfigDocument>(document config: Config, comment: Bool, defaults: Config) throws -> String {
        let renderer = ConfigRenderer(config: config, defaults: defaults)
        let text = comment ? renderer.commented() : renderer.plain()
        let reread: Config
        do {
            reread = try parse(text, file: "updated config", onto: defaults)
        } catch let error as ConfigError {
            throw ConfigError(message: "parsing updated config: \(error)")
        }
        guard reread == config else {
            throw ConfigError(message: "updated config didn't match current config")
        }
        return text
    }

    /// Writes `config` to `path` as plain TOML (what Lotus's `SetConfig` writes: comments are not kept), replacing
    /// the file atomically: a temporary file is written and flushed, then renamed over `path`.
    /// - Throws: ``ConfigError`` naming the file and the system error.
    public static func write<Config: ConfigDocument>(_ config: Config, to path: String) throws {
        try writeAtomically(render(document: config, comment: false), to: path)
    }

    /// Writes `text` to `path` atomically (temporary file, `fsync`, rename); an existing file keeps its mode, a new
    /// one gets `0644`. Use it to write ``commentedDefault()`` on `init`.
    /// - Throws: ``ConfigError`` naming the file and the system error.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try AtomicFileWriter.write(text, to: path)
    }
}
