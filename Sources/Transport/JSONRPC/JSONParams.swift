import APICore
import Foundation

/// Decodes positional params from the byte ranges the scanner found, one `JSONDecoder` call per param.
struct JSONParamsDecoder: PositionalDecoder {
    let message: JSONRPCMessage
    let ranges: [Range<Int>]
    let methodName: String
    /// Resolves `ByteStream` params to the bytes pushed for them.
    var resolver: (any ByteStreamResolver)? = nil
    /// Records the ids of decoded byte streams, released when the call returns.
    var streamIDs: ByteStreamCollector? = nil

    var count: Int { ranges.count }

    func decode<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        guard index < ranges.count else {
            throw RPCError(.invalidParams, "wrong param count (method '\(methodName)'): \(ranges.count) != \(index + 1)")
        }
        do {
            let value = try JSONCoding.decode(T.self, from: message.bytes[ranges[index]], resolver: resolver)
            if let stream = value as? ByteStream {
                streamIDs?.add(id: stream.id, chunks: AsyncThrowingStream { $0.finish() })
            }
            return value
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
    /// The byte streams among the params, which the client uploads next to the call.
    let streams = ByteStreamCollector()

    mutating func encode<T: Encodable>(_ value: T) throws {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: try JSONCoding.encode(value, collector: streams))
        count += 1
    }
}

/// The JSON conventions of the wire (Foundation's coder, Lotus's shapes).
enum JSONCoding {
    /// The encoder for values that carry no byte streams (results, most params): shared, as it is immutable.
    /// Keys are sorted so replies are byte-for-byte stable.
    static let sharedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T, collector: ByteStreamCollector? = nil) throws -> [UInt8] {
        guard let collector else { return Array(try sharedEncoder.encode(value)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.userInfo[ByteStream.collectorKey] = collector
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>, resolver: (any ByteStreamResolver)? = nil) throws -> T {
        let decoder = JSONDecoder()
        if let resolver { decoder.userInfo[ByteStream.resolverKey] = resolver }
        return try decoder.decode(T.self, from: Data(bytes))
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
