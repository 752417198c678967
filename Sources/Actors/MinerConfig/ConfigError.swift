/// An invalid configuration: a bad value in `config.toml` or in a `LOTUS_*` environment variable, a TOML syntax
/// error, or a combination of settings the node refuses to run with.
///
/// ``description`` reads `<file>: <key>: <message>`, leaving out the parts that are `nil`, for example
/// `config.toml: [Subsystems] EnableMarkets: expected a bool (true or false), got "yes"`.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The configuration file involved, if any.
    public var file: String?
    /// The key involved, written as `[Section] Key` (or the environment variable name), if any.
    public var key: String?
    /// What went wrong, including what was expected.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - file: The configuration file involved, if any.
    ///   - key: The key involved, e.g. `[Subsystems] EnableMarkets`, if any.
    ///   - message: What went wrong and what was expected.
    public init(file: String? = nil, key: String? = nil, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        [file, key, message].compactMap { $0 }.joined(separator: ": ")
    }

    /// This error with `file` and `key` filled in where they are still `nil`.
    public func located(file: String?, key: String?) -> ConfigError {
        ConfigError(file: self.file ?? file, key: self.key ?? key, message: message)
    }
}
