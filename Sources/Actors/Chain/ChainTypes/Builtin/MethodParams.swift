import Foundation

/// The parameters or return value of an actor method.
///
/// On this devnet a message's `Params` (and a receipt's `Return`) hold the **JSON** of the typed value, with the
/// Go field names of the builtin-actors structs (`{"NewID":"<base64>"}` for `ChangePeerID`), not their CBOR. Each
/// method decodes its own type and refuses anything else with `ErrSerialization` (21).
public protocol MethodParams: Codable, Sendable {}

extension MethodParams {
    /// The JSON bytes to put in `Message.params` (sorted keys, so equal params give equal messages).
    public var encoded: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of numbers, strings and arrays cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// Decodes `bytes` as this method's parameters.
    /// - Throws: ``ActorError`` with `ErrSerialization` naming `method` and what was wrong.
    public static func decode(_ bytes: [UInt8], method: String) throws(ActorError) -> Self {
        do {
            return try JSONDecoder().decode(Self.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ActorError(.errSerialization, "invalid params for \(method): \(describe(error))")
        } catch {
            throw ActorError(.errSerialization, "invalid params for \(method): \(error)")
        }
    }
}

/// A method without parameters or without a return value; encodes as nothing.
public struct NoParams: MethodParams, Equatable {
    /// Creates the empty value.
    public init() {}
}

/// A short description of a decoding error: the path and what was expected.
func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing \(key.stringValue)\(path(context))"
    case .typeMismatch(_, let context): return "\(context.debugDescription)\(path(context))"
    case .valueNotFound(_, let context): return "\(context.debugDescription)\(path(context))"
    case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
    @unknown default: return "\(error)"
    }
}
