import ChainState
import ChainTypes
import Foundation
import MinerConfig

/// Reads a `--network-params` file: JSON with any subset of ``ChainState/NetworkParams``' Go-style keys
/// (`{"BlockDelayMillis": 250, "WPoStChallengeWindow": 20}`), the rest keeping their devnet defaults.
///
/// Every failure is a ``MinerConfig/ConfigError`` naming the file and, where there is one, the key:
/// unreadable file, invalid JSON, unknown key, wrong type, or values that do not fit together.
public enum NetworkParamsFile {
    /// Loads and validates `path`.
    public static func load(_ path: String) throws -> NetworkParams {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(file: path, message: "cannot read the network params file: \(error.localizedDescription)")
        }
        let params: NetworkParams
        do {
            params = try JSONDecoder().decode(NetworkParams.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: path)
        } catch {
            throw ConfigError(file: path, message: "not valid network params JSON: \(error)")
        }
        try validate(params, file: path)
        return params
    }

    /// Checks that `params` fit together.
    /// - Throws: ``MinerConfig/ConfigError`` naming `file` (the params file, or the flag that changed them).
    public static func validate(_ params: NetworkParams, file: String?) throws {
        do {
            try params.validate()
        } catch {
            throw ConfigError(file: file, message: "invalid network params: \(error.message)")
        }
    }

    /// A decoding error as "file: Key: what was wrong".
    static func describe(_ error: DecodingError, file: String) -> ConfigError {
        func key(_ path: [any CodingKey]) -> String? {
            guard !path.isEmpty else { return nil }
            return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ConfigError(file: file, key: key(context.codingPath), message: "expected \(Self.name(of: type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return ConfigError(file: file, key: key(context.codingPath), message: "expected \(Self.name(of: type)), got null")
        case .keyNotFound(let missing, let context):
            return ConfigError(file: file, key: key(context.codingPath + [missing]), message: "missing")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?).map { ": \($0.localizedDescription)" } ?? ""
            return ConfigError(
                file: file, key: key(context.codingPath),
                message: context.codingPath.isEmpty ? "not valid JSON (\(context.debugDescription)\(underlying))" : context.debugDescription)
        @unknown default:
            return ConfigError(file: file, message: "\(error)")
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int64.Type, is UInt64.Type, is Int.Type: "an integer"
        case is [Any].Type: "an array"
        default: "a \(type)"
        }
    }
}
