import ChainTypes
/// A dictionary for actor state whose encoding is deterministic: a JSON object keyed by the keys' text form
/// (`{"1000":…}`), written with sorted keys, and iteration in key order — so state roots and persisted state do
/// not depend on hash seeds.
public struct StateMap<Key: Hashable & Comparable & LosslessStringConvertible & Sendable, Value: Sendable>: Sendable {
    /// The entries.
    public private(set) var storage: [Key: Value]

    /// An empty map.
    public init() { storage = [:] }

    /// A map of `storage`.
    public init(_ storage: [Key: Value]) { self.storage = storage }

    /// The value for `key`.
    public subscript(key: Key) -> Value? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// The keys in increasing order.
    public var keys: [Key] { storage.keys.sorted() }
    /// The values in key order.
    public var values: [Value] { keys.map { storage[$0]! } }
    /// The entries in key order.
    public var entries: [(key: Key, value: Value)] { keys.map { ($0, storage[$0]!) } }
    /// The number of entries.
    public var count: Int { storage.count }
    /// Whether there are no entries.
    public var isEmpty: Bool { storage.isEmpty }

    /// Removes and returns the value for `key`.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? { storage.removeValue(forKey: key) }
}

extension StateMap: Equatable where Value: Equatable {}

extension StateMap: Codable where Value: Codable {
    private struct TextKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TextKey.self)
        var storage: [Key: Value] = [:]
        for codingKey in container.allKeys {
            guard let key = Key(codingKey.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: codingKey, in: container, debugDescription: "\"\(codingKey.stringValue)\" is not a valid key")
            }
            storage[key] = try container.decode(Value.self, forKey: codingKey)
        }
        self.storage = storage
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TextKey.self)
        for key in keys { try container.encode(storage[key]!, forKey: TextKey(stringValue: key.description)) }
    }
}
