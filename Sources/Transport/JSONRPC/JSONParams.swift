import APICore
import Foundation

/// Decodes positional params from the byte ranges the scanner found, one `JSONDecoder` call per param.
struct JSONParamsDecoder: PositionalDecoder {
    let message: JSONRPCMessage
    let ranges: [Range<Int>]
    let methodName: String

    var count: Int { ranges.count }

    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        guard index < ranges.count else {
            throw RPCError(.invalidParams, "wrong param count (method '\(methodName)'): \(ranges.count) != \(index + 1)")
        }
        do {
            return try JSONCoding.decode(T.self, from: message.bytes[ranges[index]])
        } catch {
            throw RPCError(
                .parseError,
                "unmarshaling params for '\(methodName)' (param: \(index)): \(JSONCoding.describe(error))")
        }
    }
}

/// Appends each param's JSON to a byte buffer, comma separated.
struct JSONParamsEncoder: PositionalEncoder {
    var bytes: [UInt8] = []
    var count = 0

    mutating func encode<T: Encodable>(_ value: T) throws {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: try JSONCoding.encode(value))
        count += 1
    }
}

/// The JSON conventions of the wire (Foundation's coder, Lotus's shapes).
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// A JSON string literal for `text`, with escapes.
    static func quoted(_ text: String) -> [UInt8] {
        (try? encode(text)) ?? Array("\"\"".utf8)
    }

    /// A short description of a decoding error: what was expected, where.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch decoding {
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context)): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "missing \(type)\(path(context))"
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        @unknown default: return String(describing: error)
        }
    }
}
