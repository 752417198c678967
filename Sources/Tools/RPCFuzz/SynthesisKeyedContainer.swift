/// The keyed container of ``SynthesisDecoder``: every member the type reads is recorded; optional members are
/// present or absent at random; dictionaries get keys from the pool.
struct SynthesisKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SynthesisDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var context: SynthesisContext { decoder.context }

    var allKeys: [Key] {
        let count = decoder.tooDeep ? 0 : context.random.pick([0, 1, 2])
        return (0..<count).compactMap { _ in Key(stringValue: context.pool.wellFormedString(using: &context.random)) }
    }

    func contains(_ key: Key) -> Bool { decoder.tooDeep ? false : !context.random.chance(1, in: 5) }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard decoder.tooDeep || context.random.chance(1, in: 6) else { return false }
        decoder.node.addMember(key.stringValue).shape = .leaf(.null)
        return true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeNested(T.self, node: decoder.node.addMember(key.stringValue), key: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return nil }
        return try decode(T.self, forKey: key)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrapped<String>.self, forKey: key).value }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: key).value }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(Wrapped<Float>.self, forKey: key).value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: key).value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: key).value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Wrapped<Int16>.self, forKey: key).value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: key).value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: key).value }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: key).value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Wrapped<UInt8>.self, forKey: key).value }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(Wrapped<UInt16>.self, forKey: key).value }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(Wrapped<UInt32>.self, forKey: key).value }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(Wrapped<UInt64>.self, forKey: key).value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(decoder.node.addMember(key.stringValue), key: key).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(decoder.node.addMember(key.stringValue), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder.child(decoder.node.addMember("super"), key: SynthesisKey(stringValue: "super")) }

    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(decoder.node.addMember(key.stringValue), key: key) }
}

/// A primitive read through the generic path, so the single-value container answers it.
struct Wrapped<Value: Decodable>: Decodable {
    let value: Value
    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Value.self) }
}
