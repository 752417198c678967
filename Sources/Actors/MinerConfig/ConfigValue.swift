/// A configuration value of one of the kinds `config.toml` holds, detached from the key it belongs to.
public enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
    /// A TOML boolean.
    case bool(Bool)
    /// A TOML integer (Go `int`, `int64`, `uint`, `uint64`).
    case int(Int)
    /// A TOML string.
    case string(String)
    /// A TOML array of strings (Go `[]string`, `[]cid.Cid`).
    case strings([String])
    /// A Go `time.Duration`, written as a string such as `"24h0m0s"`.
    case duration(GoDuration)
    /// A FIL amount, written as a string such as `"0.05 FIL"`.
    case fil(FIL)
    /// A table of strings (Go `map[string]string`), written as its own `[Section.Key]` table.
    case stringMap([String: String])

    /// The value as Lotus's TOML encoder writes it: `true`, `8`, `"text"`, `["a", "b"]`, `"24h0m0s"`, `"0.05 FIL"`.
    /// A map is written inline (`{a = "b"}`); files write maps as tables instead.
    public var description: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .string(let value): return tomlQuoted(value)
        case .strings(let values): return "[" + values.map(tomlQuoted).joined(separator: ", ") + "]"
        case .duration(let value): return tomlQuoted(value.description)
        case .fil(let value): return tomlQuoted(value.description)
        case .stringMap(let map):
            let entries = map.keys.sorted().map { "\(ConfigValue.tomlKey($0)) = \(tomlQuoted(map[$0] ?? ""))" }
            return "{" + entries.joined(separator: ", ") + "}"
        }
    }

    /// `key` as a TOML key: bare when it only uses `A-Z a-z 0-9 _ -`, quoted otherwise.
    public static func tomlKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return bare ? key : tomlQuoted(key)
    }
}

/// What kind of value a configuration key holds, which decides how it is read from TOML and from `LOTUS_*`
/// environment variables.
public enum ConfigValueKind: Sendable, Equatable {
    /// A boolean; in environment variables also `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False` (Go `ParseBool`).
    case bool
    /// A Go `int`/`int64`.
    case int
    /// A Go `uint`/`uint64`: negative values are refused.
    case unsignedInt
    /// A string.
    case string
    /// A list of strings; comma-separated in environment variables.
    case strings
    /// A Go duration string.
    case duration
    /// A FIL amount string.
    case fil
    /// A map of strings; `key:value,key:value` in environment variables.
    case stringMap

    /// How error messages describe a valid value of this kind, e.g. `a bool (true or false)`.
    public var expectation: String {
        switch self {
        case .bool: return "a bool (true or false)"
        case .int: return "an integer"
        case .unsignedInt: return "a non-negative integer"
        case .string: return "a string"
        case .strings: return "an array of strings"
        case .duration: return "a Go duration such as \"24h0m0s\" or \"30s\""
        case .fil: return "a FIL amount such as \"0.05 FIL\""
        case .stringMap: return "a table of strings"
        }
    }
}

/// A Swift type that a configuration key can hold.
public protocol ConfigValueConvertible: Sendable, Equatable {
    /// The kind of value stored in a key of this type.
    static var configKind: ConfigValueKind { get }
    /// The Swift value for `value`, or `nil` when `value` is of another kind.
    init?(configValue value: ConfigValue)
    /// This value as a ``ConfigValue``.
    var configValue: ConfigValue { get }
}

extension Bool: ConfigValueConvertible {
    public static var configKind: ConfigValueKind { .bool }
    public init?(configValue value: ConfigValue) {
        guard case .bool(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .bool(self) }
}

extension Int: ConfigValueConvertible {
    public static var configKind: ConfigValueKind { .int }
    public init?(configValue value: ConfigValue) {
        guard case .int(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .int(self) }
}

extension String: ConfigValueConvertible {
    public static var configKind: ConfigValueKind { .string }
    public init?(configValue value: ConfigValue) {
        guard case .string(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .string(self) }
}

extension Array: ConfigValueConvertible where Element == String {
    public static var configKind: ConfigValueKind { .strings }
    public init?(configValue value: ConfigValue) {
        guard case .strings(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .strings(self) }
}

extension Dictionary: ConfigValueConvertible where Key == String, Value == String {
    public static var configKind: ConfigValueKind { .stringMap }
    public init?(configValue value: ConfigValue) {
        guard case .stringMap(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .stringMap(self) }
}

extension GoDuration: ConfigValueConvertible {
    public static var configKind: ConfigValueKind { .duration }
    public init?(configValue value: ConfigValue) {
        guard case .duration(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .duration(self) }
}

extension FIL: ConfigValueConvertible {
    public static var configKind: ConfigValueKind { .fil }
    public init?(configValue value: ConfigValue) {
        guard case .fil(let v) = value else { return nil }
        self = v
    }
    public var configValue: ConfigValue { .fil(self) }
}
