/// How much `lotus-miner config default` prints above the key, mirroring Lotus's doc generator.
public enum ConfigCommentStyle: Sendable, Equatable {
    /// `# <doc lines>`, `#`, `# type: <T>`, `# env var: ...`.
    case docAndType
    /// `# type: <T>`, `# env var: ...` (Lotus has no doc text for the key).
    case typeOnly
    /// `# env var: ...` only (Lotus's doc lookup misses the key, as for `[Dealmaking.RetrievalPricing]`).
    case envOnly
}

/// One key of a `config.toml`: where it lives, what it holds, how `config default` documents it, and how to read and
/// write it on a `Config` value (``MinerConfig``, the full node's config, or a section struct such as ``APIConfig``
/// that is ``embedded(in:)`` into both).
public struct ConfigField<Config>: Sendable {
    /// How much `config default` prints above the key.
    public typealias CommentStyle = ConfigCommentStyle

    /// The dotted TOML section, e.g. `Dealmaking.RetrievalPricing`.
    public let section: String
    /// The TOML key, e.g. `Strategy`.
    public let key: String
    /// The kind of value, which decides parsing.
    public let kind: ConfigValueKind
    /// The Go type Lotus declares, printed as `# type:`, e.g. `bool`, `Duration`, `types.FIL`, `[]string`.
    public let goType: String
    /// What the key does. Lotus's doc text where Lotus has one, otherwise a short description of our own.
    public let doc: String
    /// What `config default` prints above the key.
    public let commentStyle: CommentStyle
    /// `true` when the key is left out of the file while unset (a Go `nil` slice).
    public let isOptional: Bool

    private let read: @Sendable (Config) -> ConfigValue?
    private let write: @Sendable (inout Config, ConfigValue) -> Bool

    private init(
        section: String, key: String, kind: ConfigValueKind, goType: String, doc: String, commentStyle: CommentStyle,
        isOptional: Bool, read: @escaping @Sendable (Config) -> ConfigValue?,
        write: @escaping @Sendable (inout Config, ConfigValue) -> Bool
    ) {
        self.section = section
        self.key = key
        self.kind = kind
        self.goType = goType
        self.doc = doc
        self.commentStyle = commentStyle
        self.isOptional = isOptional
        self.read = read
        self.write = write
    }

    /// Declares a key stored at `path`.
    public init<T: ConfigValueConvertible>(
        _ section: String, _ key: String, _ path: any WritableKeyPath<Config, T> & Sendable, goType: String,
        unsigned: Bool = false, comment: CommentStyle = .docAndType, doc: String
    ) {
        self.section = section
        self.key = key
        self.kind = unsigned ? .unsignedInt : T.configKind
        self.goType = goType
        self.doc = doc
        self.commentStyle = comment
        self.isOptional = false
        self.read = { $0[keyPath: path].configValue }
        self.write = { config, value in
            guard let typed = T(configValue: value) else { return false }
            config[keyPath: path] = typed
            return true
        }
    }

    /// Declares a list key stored at `path` that is left out of the file while `nil`.
    public init(
        _ section: String, _ key: String, optional path: any WritableKeyPath<Config, [String]?> & Sendable,
        goType: String, comment: CommentStyle = .docAndType, doc: String
    ) {
        self.section = section
        self.key = key
        self.kind = .strings
        self.goType = goType
        self.doc = doc
        self.commentStyle = comment
        self.isOptional = true
        self.read = { config in config[keyPath: path].map { .strings($0) } }
        self.write = { config, value in
            guard case .strings(let list) = value else { return false }
            config[keyPath: path] = list
            return true
        }
    }

    /// `[Section] Key`, as error messages name the key.
    public var displayName: String { "[\(section)] \(key)" }

    /// The environment variable that overrides the key: `LOTUS_<SECTION>_<KEY>`, upper-cased, dots as `_`.
    public var environmentVariable: String {
        "LOTUS_" + section.replacingDots().uppercased() + "_" + key.uppercased()
    }

    /// The key's value in `config`, or `nil` for an unset optional key.
    public func value(in config: Config) -> ConfigValue? {
        read(config)
    }

    /// Stores `value` into `config`.
    /// - Throws: ``ConfigError`` naming the key when `value` is of the wrong kind or, for an unsigned key, negative.
    public func set(_ value: ConfigValue, in config: inout Config) throws {
        if kind == .unsignedInt, case .int(let number) = value, number < 0 {
            throw ConfigError(key: displayName, message: "expected \(kind.expectation), got \(number)")
        }
        guard write(&config, value) else {
            throw ConfigError(key: displayName, message: "expected \(kind.expectation), got \(value)")
        }
    }
}

extension ConfigField {
    /// The same key for a configuration that holds a `Config` at `path` (e.g. ``APIConfig`` at `\.api`), so a
    /// section shared by several node types is declared once.
    public func embedded<Root>(in path: any WritableKeyPath<Root, Config> & Sendable) -> ConfigField<Root> {
        let read = self.read
        let write = self.write
        return ConfigField<Root>(
            section: section, key: key, kind: kind, goType: goType, doc: doc, commentStyle: commentStyle,
            isOptional: isOptional, read: { read($0[keyPath: path]) },
            write: { root, value in write(&root[keyPath: path], value) })
    }
}

extension String {
    fileprivate func replacingDots() -> String {
        String(map { $0 == "." ? "_" : $0 })
    }
}
