import APICore
import Foundation
import Markets
import MarketsAPI
import Testing

/// The DAG store keeps each shard's state in a file of its own, so a deal's state change writes one small file
/// however many shards the node holds (one file for all of them made each deal's indexing rewrite every shard).
@Suite("DAG store shard states")
struct DAGStoreTests {
    static let keys = [
        "baga6ea4seaqozp3abki6vgdf7ztbipcycmxfyt2o64cpuyvdkczsjxsg7bqmioi",
        "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi",
        "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa",
    ]

    static func scratch() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dagstore-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    static func stateFiles(_ root: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root + "/datastore/shards").filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test("each shard's state is a file of its own, and a reopened store has every shard as it was")
    func perShardFiles() async throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try DAGStore(root: root)
        for key in Self.keys { try await store.register(key) }
        let indexed = try await store.initialize(Self.keys[0], car: root + "/no-such.car")
        #expect(indexed.state == DagstoreShardInfo.errored)
        #expect(try Self.stateFiles(root) == Self.keys.map { $0 + ".json" }.sorted())
        #expect(!FileManager.default.fileExists(atPath: root + "/datastore/shards.json"))

        let reopened = try DAGStore(root: root)
        #expect(await reopened.list() == (await store.list()))
        #expect(await reopened.list().count == 3)
        #expect(await reopened.shard(Self.keys[0])?.state == DagstoreShardInfo.errored)
        #expect(await reopened.shard(Self.keys[1])?.state == DagstoreShardInfo.new)
    }

    @Test("a store written with every state in one shards.json is moved to one file per shard when it is opened")
    func oneFileStoreMoves() async throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/datastore", withIntermediateDirectories: true)
        let old = Self.keys.map { DagstoreShardInfo(key: $0, state: DagstoreShardInfo.available, error: "") }
        try JSONEncoder().encode(old).write(to: URL(fileURLWithPath: root + "/datastore/shards.json"))

        let store = try DAGStore(root: root)
        #expect(await store.list() == old.sorted { $0.key < $1.key })
        #expect(!FileManager.default.fileExists(atPath: root + "/datastore/shards.json"))
        #expect(try Self.stateFiles(root).count == 3)
        #expect(await (try DAGStore(root: root)).list() == old.sorted { $0.key < $1.key })
    }

    @Test("a corrupt or misnamed state file is reported with its path, never skipped")
    func badStateFiles() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/datastore/shards"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + Self.keys[0] + ".json"

        try Data("{\"key\":".utf8).write(to: URL(fileURLWithPath: path))
        let corrupt = #expect(throws: RPCError.self) { try DAGStore(root: root) }
        #expect(corrupt?.message.contains(path) == true, "\(String(describing: corrupt))")

        try JSONEncoder().encode(DagstoreShardInfo(key: Self.keys[1], state: DagstoreShardInfo.new, error: ""))
            .write(to: URL(fileURLWithPath: path))
        let misnamed = #expect(throws: RPCError.self) { try DAGStore(root: root) }
        #expect(misnamed?.message.contains(Self.keys[1]) == true, "\(String(describing: misnamed))")
    }
}
