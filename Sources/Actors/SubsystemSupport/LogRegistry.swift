import Logging
import Synchronization

/// Named loggers with levels that can be changed at runtime (`LogList`, `LogSetLevel`), like go-log's
/// subsystem loggers. The node bootstraps swift-log with ``makeHandler(label:)`` so every logger's level
/// is looked up here on each message.
public final class LogRegistry: Sendable {
    private let levels: Mutex<[String: Logger.Level]>
    private let output: @Sendable (String) -> Void

    /// - Parameters:
    ///   - subsystems: the logger names this node uses.
    ///   - defaultLevel: the level of each until changed.
    ///   - output: where formatted lines go (stderr by default).
    public init(
        subsystems: [String], defaultLevel: Logger.Level = .info,
        output: (@Sendable (String) -> Void)? = nil
    ) {
        self.levels = Mutex(Dictionary(uniqueKeysWithValues: subsystems.map { ($0, defaultLevel) }))
        self.output = output ?? { line in FileHandleStandardError.write(line + "\n") }
    }

    /// Known logger names, sorted.
    public var names: [String] { levels.withLock { $0.keys.sorted() } }

    public func level(of name: String) -> Logger.Level {
        levels.withLock { $0[name] ?? .info }
    }

    /// Sets a logger's level from a go-log level name (debug, info, warn, error, dpanic, panic, fatal).
    /// - Throws: when the logger or the level is unknown, naming the accepted values.
    public func setLevel(_ name: String, _ levelName: String) throws {
        guard let level = Self.level(named: levelName) else {
            throw LogError("unrecognized level: '\(levelName)'; use one of: debug, info, warn, error, dpanic, panic, fatal")
        }
        try levels.withLock { levels in
            if name == "*" {
                for key in levels.keys { levels[key] = level }
                return
            }
            guard levels[name] != nil else {
                throw LogError("error: No such logger '\(name)'; `lotus-miner log list` shows the loggers")
            }
            levels[name] = level
        }
    }

    static func level(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        case "dpanic", "panic", "fatal": .critical
        default: nil
        }
    }

    /// A swift-log handler for `label` that honours this registry's levels.
    public func makeHandler(label: String) -> any LogHandler {
        RegistryLogHandler(label: label, registry: self)
    }

    func emit(_ line: String) { output(line) }

    struct LogError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

