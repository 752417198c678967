/// The unkeyed container of ``SynthesisDecoder``: an array of a random small length (none past the depth limit).
struct SynthesisUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: SynthesisDecoder
    let count: Int?
    private(set) var currentIndex = 0

    init(decoder: SynthesisDecoder, count: Int) {
        self.decoder = decoder
        self.count = count
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = SynthesisKey(intValue: currentIndex)
        currentIndex += 1
        return try decoder.decodeNested(T.self, node: decoder.node.addElement(), key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let key = SynthesisKey(intValue: currentIndex)
        currentIndex += 1
        return try decoder.child(decoder.node.addElement(), key: key).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let key = SynthesisKey(intValue: currentIndex)
        currentIndex += 1
        return try decoder.child(decoder.node.addElement(), key: key).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let key = SynthesisKey(intValue: currentIndex)
        currentIndex += 1
        return decoder.child(decoder.node.addElement(), key: key)
    }
}
