import MinerConfig
import TOMLKit

/// Reads a TOML document onto a configuration (``MinerConfig``, the full node's) by walking its sections, so a wrong value names its key and
/// what was expected (TOMLKit's `Decodable` path reports every type mismatch as a missing key).
///
/// Lotus semantics (BurntSushi `toml.Decode` onto the defaults): absent keys keep their current values, unknown
/// keys are ignored, keys and tables also match case-insensitively, and `[Logging.SubsystemLevels]` entries are
/// merged into the current map.
struct TOMLConfigReader<Config: ConfigDocument> {
    /// The file name used in error messages.
    let file: String

    /// Applies the TOML document `text` on top of `config`.
    func apply(_ text: String, to config: inout Config) throws {
        if let line = TOMLHeaderCheck.firstHeaderWithoutKey(in: text) {
            throw ConfigError(file: file, message: "TOML syntax error at line \(line): a table header needs a key after its '['")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw ConfigError(
                file: file,
                message: "TOML syntax error at line \(position.line), column \(position.column): \(error.description)")
        }
        for section in Config.configSections {
            guard let table = try table(at: section.path, in: root) else { continue }
            for field in section.fields {
                guard let raw = Self.lookup(field.key, in: table) else { continue }
                do {
                    try field.set(try value(raw, for: field, current: field.value(in: config)), in: &config)
                } catch let error as ConfigError {
                    throw error.located(file: file, key: field.displayName)
                }
            }
        }
    }

    /// The table at `path`, `nil` when absent.
    private func table(at path: [String], in root: TOMLTable) throws -> TOMLTable? {
        var table = root
        for (depth, component) in path.enumerated() {
            guard let next = Self.lookup(component, in: table) else { return nil }
            guard let nested = next.table else {
                let name = path[...depth].joined(separator: ".")
                throw ConfigError(file: file, key: "[\(name)]", message: "expected a table, got \(Self.describe(next))")
            }
            table = nested
        }
        return table
    }

    /// `table[key]`, falling back to a case-insensitive match as Go's TOML decoder does.
    private static func lookup(_ key: String, in table: TOMLTable) -> (any TOMLValueConvertible)? {
        if let exact = table[key] { return exact }
        let lowered = key.lowercased()
        guard let match = table.keys.first(where: { $0.lowercased() == lowered }) else { return nil }
        return table[match]
    }

    /// Converts a TOML value to the kind `field` holds.
    private func value(
        _ raw: any TOMLValueConvertible, for field: ConfigField<Config>, current: ConfigValue?
    ) throws -> ConfigValue {
        let mismatch = ConfigError(message: "expected \(field.kind.expectation), got \(Self.describe(raw))")
        switch field.kind {
        case .bool:
            guard let value = raw.bool else { throw mismatch }
            return .bool(value)
        case .int, .unsignedInt:
            guard raw.type == .int, let value = raw.int else { throw mismatch }
            return .int(value)
        case .string:
            guard let value = raw.string else { throw mismatch }
            return .string(value)
        case .strings:
            guard let array = raw.array else { throw mismatch }
            var values: [String] = []
            for element in array {
                guard let value = element.string else { throw mismatch }
                values.append(value)
            }
            return .strings(values)
        case .duration:
            guard let text = raw.string else { throw mismatch }
            return .duration(try GoDuration.parse(text))
        case .fil:
            guard let text = raw.string else { throw mismatch }
            return .fil(try FIL.parse(text))
        case .stringMap:
            guard let table = raw.table else { throw mismatch }
            var map: [String: String] = [:]
            if case .stringMap(let existing) = current { map = existing }
            for key in table.keys {
                guard let entry = table[key], let value = entry.string else {
                    let got = table[key].map(Self.describe) ?? "nothing"
                    throw ConfigError(
                        key: "[\(field.section).\(field.key)] \(key)", message: "expected a string, got \(got)")
                }
                map[key] = value
            }
            return .stringMap(map)
        }
    }

    /// A TOML value as it would be written, for "got ..." in error messages.
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string:
            return ConfigValue.string(value.string ?? "").description
        case .bool:
            return (value.bool ?? false) ? "true" : "false"
        case .int:
            return value.int.map(String.init) ?? "an integer"
        case .double:
            return value.double.map { String($0) } ?? "a float"
        case .array:
            guard let array = value.array else { return "an array" }
            return "[" + array.map { describe($0) }.joined(separator: ", ") + "]"
        case .table:
            return "a table"
        case .date, .time, .dateTime:
            return value.debugDescription
        }
    }
}
