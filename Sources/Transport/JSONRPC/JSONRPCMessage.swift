import Foundation

/// One JSON-RPC 2.0 message split into byte ranges: a request, a notification or a response.
///
/// Only the fields this codec needs are kept. `id` stays raw so it is echoed exactly as sent.
struct JSONRPCMessage {
    let bytes: [UInt8]
    var method: String?
    var id: Range<Int>?
    var params: [Range<Int>]?
    var result: Range<Int>?
    var error: Range<Int>?

    /// `true` when the message carries no id (or `"id":null`): a notification, which gets no answer.
    var isNotification: Bool {
        guard let id else { return true }
        return bytes[id] == Array("null".utf8)[...]
    }

    var idBytes: ArraySlice<UInt8> {
        guard let id else { return ArraySlice("null".utf8) }
        return bytes[id]
    }

    /// Parses one JSON object. Throws `JSONScanner.Failure` for malformed JSON and
    /// ``RPCErrorShape`` for a well-formed value that is not a JSON-RPC object.
    init(parsing bytes: [UInt8]) throws {
        self.bytes = bytes
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard scanner.peek() == UInt8(ascii: "{") else {
            _ = try scanner.skipValue()
            scanner.skipWhitespace()
            guard scanner.isAtEnd else { throw scanner.fail("trailing data after the message") }
            throw NotAnObject()
        }
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            while true {
                scanner.skipWhitespace()
                let keyStart = scanner.index
                let escaped = try scanner.skipString()
                let key = escaped ? Self.decodeString(bytes[keyStart..<scanner.index]) : Self.rawString(bytes[(keyStart + 1)..<(scanner.index - 1)])
                try scanner.expect(UInt8(ascii: ":"))
                scanner.skipWhitespace()
                let valueStart = scanner.index
                switch key {
                case "method":
                    guard scanner.peek() == UInt8(ascii: "\"") else {
                        _ = try scanner.skipValue()
                        throw BadField(name: "method", expected: "a string")
                    }
                    let methodEscaped = try scanner.skipString()
                    method = methodEscaped
                        ? Self.decodeString(bytes[valueStart..<scanner.index])
                        : Self.rawString(bytes[(valueStart + 1)..<(scanner.index - 1)])
                case "params":
                    if scanner.peek() == UInt8(ascii: "[") {
                        params = try Self.splitArray(&scanner)
                    } else {
                        let range = try scanner.skipValue()
                        if bytes[range] != Array("null".utf8)[...] {
                            throw BadField(name: "params", expected: "a positional array")
                        }
                        params = []
                    }
                case "id": id = try scanner.skipValue()
                case "result": result = try scanner.skipValue()
                case "error": error = try scanner.skipValue()
                default: _ = try scanner.skipValue()
                }
                scanner.skipWhitespace()
                guard let next = scanner.peek() else { throw scanner.fail("unterminated object") }
                scanner.index += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw scanner.fail("expected ',' or '}' in object") }
            }
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw scanner.fail("trailing data after the message") }
    }

    struct NotAnObject: Error {}
    struct BadField: Error {
        let name: String
        let expected: String
    }

    private static func splitArray(_ scanner: inout JSONScanner) throws -> [Range<Int>] {
        scanner.index += 1
        scanner.skipWhitespace()
        var elements: [Range<Int>] = []
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.index += 1
            return elements
        }
        while true {
            elements.append(try scanner.skipValue(depth: 1))
            scanner.skipWhitespace()
            guard let next = scanner.peek() else { throw scanner.fail("unterminated array") }
            scanner.index += 1
            if next == UInt8(ascii: "]") { return elements }
            guard next == UInt8(ascii: ",") else { throw scanner.fail("expected ',' or ']' in array") }
        }
    }

    static func rawString(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }

    static func decodeString(_ quoted: ArraySlice<UInt8>) -> String {
        (try? JSONDecoder().decode(String.self, from: Data(quoted))) ?? rawString(quoted)
    }
}
