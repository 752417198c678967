/// The node's metadata key-value space (Lotus's `/metadata` datastore): keys are datastore paths such as
/// `/miner-address` or `/deals/provider/<cid>`. Implemented over SQLite in the repo.
public protocol MetadataStore: Sendable {
    func get(_ key: String) throws -> [UInt8]?
    func put(_ key: String, _ value: [UInt8]) throws
    /// Every entry whose key starts with `prefix`, ordered by key.
    func query(prefix: String) throws -> [(key: String, value: [UInt8])]
}
