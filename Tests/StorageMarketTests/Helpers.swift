import ChainTypes
import Multiformats
import StorageMarket
import Testing

/// The keys of the map at the start of `bytes`, in wire order (for checking the order we write).
func mapKeys(_ bytes: [UInt8]) throws -> [String] {
    var reader = CBORReader(bytes)
    let count = try reader.mapHeader()
    var keys: [String] = []
    for _ in 0..<count {
        keys.append(try reader.textString())
        try reader.skipItem()
    }
    return keys
}

/// Bytes from hex text, for vectors written in the tests.
func hex(_ text: String) throws -> [UInt8] {
    try Hex.decode(text)
}

/// `value` survives encode → decode in both key orders, and both orders decode to the same value.
func expectRoundTrip<Value: CBORMapEncoded>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
    for order in CBORMapKeyOrder.allCases {
        let bytes = value.encoded(keyOrder: order)
        #expect(try Value.decode(bytes) == value, "\(Value.goTypeName) in \(order) order", sourceLocation: sourceLocation)
        #expect(try CBORFraming.firstItemLength(bytes + [0x00, 0xFF]) == bytes.count, sourceLocation: sourceLocation)
    }
    #expect(value.encoded == value.encoded(keyOrder: .canonical), sourceLocation: sourceLocation)
}

/// The error `body` throws, which must be a ``WireFormatError``.
func wireError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        try body()
        Issue.record("expected a WireFormatError", sourceLocation: sourceLocation)
        return ""
    } catch let error as WireFormatError {
        return error.message
    } catch {
        Issue.record("expected a WireFormatError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return ""
    }
}
