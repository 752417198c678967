import MinerConfig

/// Applies `LOTUS_<SECTION>_<KEY>` environment variables the way Lotus's `envconfig.Process("LOTUS", cfg)` does:
/// bools as Go `strconv.ParseBool`, lists comma-separated, maps as `key:value,key:value`, durations and FIL
/// amounts in their text forms. A variable that is set (even to the empty string) overrides the key.
///
/// Also accepts `LOTUS_LOGGING_SUBSYSTEMLEVELS_<NAME>=<level>` for one log subsystem (name lower-cased), the form
/// Lotus's generated config advertises but never honoured.
/// Prefix of the per-subsystem log level variables.
private let subsystemLevelPrefix = "LOTUS_LOGGING_SUBSYSTEMLEVELS_"

struct EnvironmentOverrides<Config: ConfigDocument> {
    let environment: [String: String]

    func apply(to config: inout Config) throws {
        for field in Config.configFields {
            let name = field.environmentVariable
            guard let text = environment[name] else { continue }
            do {
                try field.set(try Self.value(text, kind: field.kind), in: &config)
            } catch let error as ConfigError {
                throw ConfigError(key: name, message: error.message)
            }
        }
        guard let levels = Config.configFields.first(where: { $0.section == "Logging" && $0.key == "SubsystemLevels" }),
            case .stringMap(var map) = levels.value(in: config)
        else { return }
        var changed = false
        for (name, level) in environment.sorted(by: { $0.key < $1.key })
        where name.hasPrefix(subsystemLevelPrefix) && name.count > subsystemLevelPrefix.count {
            map[name.dropFirst(subsystemLevelPrefix.count).lowercased()] = level
            changed = true
        }
        if changed { try levels.set(.stringMap(map), in: &config) }
    }

    /// Parses an environment variable's text as a value of `kind`.
    static func value(_ text: String, kind: ConfigValueKind) throws -> ConfigValue {
        let mismatch = ConfigError(message: "expected \(kind.expectation), got \(ConfigValue.string(text))")
        switch kind {
        case .bool:
            switch text {
            case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
            case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
            default: throw mismatch
            }
        case .int, .unsignedInt:
            guard let value = Int(text) else { throw mismatch }
            return .int(value)
        case .string:
            return .string(text)
        case .strings:
            guard text.contains(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return .strings([]) }
            return .strings(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        case .duration:
            return .duration(try GoDuration.parse(text))
        case .fil:
            return .fil(try FIL.parse(text))
        case .stringMap:
            var map: [String: String] = [:]
            guard text.contains(where: { $0 != " " && $0 != "\t" && $0 != "\n" }) else { return .stringMap(map) }
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else {
                    throw ConfigError(
                        message: "expected key:value pairs separated by commas, got \(ConfigValue.string(text))")
                }
                map[String(pair[0])] = String(pair[1])
            }
            return .stringMap(map)
        }
    }
}
