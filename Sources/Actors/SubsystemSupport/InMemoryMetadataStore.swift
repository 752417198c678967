import Synchronization

/// A ``MetadataStore`` in memory only (for nodes built without a repo, and tests).
public final class InMemoryMetadataStore: MetadataStore {
    private let entries = Mutex<[String: [UInt8]]>([:])

    public init() {}

    public func get(_ key: String) throws -> [UInt8]? { entries.withLock { $0[key] } }

    public func put(_ key: String, _ value: [UInt8]) throws { entries.withLock { $0[key] = value } }

    public func query(prefix: String) throws -> [(key: String, value: [UInt8])] {
        entries.withLock { $0.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }
}
