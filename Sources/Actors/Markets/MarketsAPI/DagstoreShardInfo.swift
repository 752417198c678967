/// A shard of the DAG store — one per deal piece, keyed by its piece CID — as `DagstoreListShards` and
/// `DagstoreLookupPieces` return it (Lotus `api.DagstoreShardInfo`). JSON: `{"Key":"baga…","State":"ShardStateAvailable","Error":""}`.
public struct DagstoreShardInfo: Sendable, Equatable, Codable {
    public var key: String
    /// `ShardStateNew`, `ShardStateInitializing`, `ShardStateAvailable` or `ShardStateErrored`.
    public var state: String
    public var error: String

    public init(key: String, state: String, error: String) {
        self.key = key
        self.state = state
        self.error = error
    }

    public static let new = "ShardStateNew"
    public static let initializing = "ShardStateInitializing"
    public static let available = "ShardStateAvailable"
    public static let errored = "ShardStateErrored"

    enum CodingKeys: String, CodingKey { case key = "Key", state = "State", error = "Error" }
}

/// What `DagstoreGC` did with one shard's transient copy (Lotus `api.DagstoreShardResult`).
public struct DagstoreShardResult: Sendable, Equatable, Codable {
    public var key: String
    public var success: Bool
    public var error: String

    public init(key: String, success: Bool, error: String) {
        self.key = key
        self.success = success
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case key = "Key", success = "Success", error = "Error" }
}
