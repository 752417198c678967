import APICore
import CAR
import Foundation
import MarketsAPI
import Multiformats

/// The markets node's DAG store (Lotus's dagstore): `[DAGStore] RootDir`, by default `<repo>/dagstore`, with Lotus's
/// three folders — `datastore/` the shards' states, `indices/` one block index per shard, `transients/` pieces copied
/// here while they are indexed. A shard is a deal's piece, keyed by its piece CID; its index lists every block of the
/// piece's CAR (CID, offset, length), so `lookup-pieces` finds the pieces that hold any block, not only a payload root.
///
/// Each shard's state is a file of its own, `datastore/shards/<key>.json` (Lotus keeps one datastore key per shard), so
/// a state change writes that shard alone however many there are. A store written before that, with every state in
/// one `datastore/shards.json`, is moved to the per-shard files when it is opened.
///
/// Moving the folder to another repo (the runbook's `mv ~/.lotusminer/dagstore ~/.lotusmarkets/`) carries the shards;
/// a shard whose index is lost is rebuilt from the piece (``MarketsActor`` `DagstoreRecoverShard`). Every file is
/// written to a temporary name and renamed, so a crash leaves the old file or the new one.
public actor DAGStore {
    public let root: String
    private var shards: [String: DagstoreShardInfo]

    /// Opens (creating its folders) the DAG store at `root`.
    /// - Throws: ``APICore/RPCError`` when the folders cannot be made or a shard state does not decode.
    public init(root: String) throws {
        self.root = root
        let states = root + "/datastore/shards"
        do {
            for folder in ["datastore", "datastore/shards", "indices", "transients"] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
        } catch {
            throw RPCError(.methodError, "cannot create the DAG store at \(root): \(error)")
        }
        var shards: [String: DagstoreShardInfo] = [:]
        let legacy = root + "/datastore/shards.json"
        if let bytes = FileManager.default.contents(atPath: legacy) {
            for info in try Self.decode([DagstoreShardInfo].self, bytes, path: legacy) {
                guard (try? CID(info.key))?.description == info.key else {
                    throw RPCError(.methodError, "the DAG store's shard states \(legacy) hold a key that is not a piece CID: '\(info.key)'")
                }
                shards[info.key] = info
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: states)) ?? []
        for name in names where name.hasSuffix(".json") {
            let path = states + "/" + name
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw RPCError(.methodError, "cannot read the DAG store's shard state \(path)")
            }
            let info = try Self.decode(DagstoreShardInfo.self, bytes, path: path)
            guard name == info.key + ".json" else {
                throw RPCError(.methodError, "the DAG store's shard state \(path) holds shard '\(info.key)'; move the file away and recover the shards")
            }
            shards[info.key] = info
        }
        self.shards = shards
        if FileManager.default.fileExists(atPath: legacy) {
            // Written by an earlier version: each shard gets its own file, then the old file goes (a crash between
            // leaves both, and the next open does this again).
            for info in shards.values { try write(info) }
            do {
                try FileManager.default.removeItem(atPath: legacy)
            } catch {
                throw RPCError(.methodError, "cannot remove the DAG store's old shard states \(legacy) after moving them: \(error)")
            }
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ bytes: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: bytes)
        } catch {
            throw RPCError(.methodError, "the DAG store's shard state \(path) is corrupt: \(error); move the file away and recover the shards")
        }
    }

    /// Every shard, by key.
    public func list() -> [DagstoreShardInfo] {
        shards.values.sorted { $0.key < $1.key }
    }

    /// The shard `key`, if registered.
    public func shard(_ key: String) -> DagstoreShardInfo? { shards[key] }

    /// Registers shard `key` (New) unless it is registered already.
    /// - Throws: ``APICore/RPCError`` for a key that is not a CID (it names files here) or when the states cannot be
    ///   written.
    public func register(_ key: String) throws {
        guard (try? CID(key))?.description == key else { throw RPCError(.invalidParams, "shard key '\(key)' is not a piece CID") }
        guard shards[key] == nil else { return }
        try set(DagstoreShardInfo(key: key, state: DagstoreShardInfo.new, error: ""))
    }

    /// Indexes shard `key` from the CAR at `car` (registering it first): Available with its index written, or Errored
    /// with the reason (a piece whose data is not a CAR cannot be indexed, as in Lotus). Returns the shard.
    /// - Throws: ``APICore/RPCError`` when the states cannot be written.
    @discardableResult
    public func initialize(_ key: String, car: String) throws -> DagstoreShardInfo {
        try register(key)
        try set(DagstoreShardInfo(key: key, state: DagstoreShardInfo.initializing, error: ""))
        let info: DagstoreShardInfo
        do {
            var reader = try CARReader(try FileSource(path: car))
            var lines = ""
            while let block = try reader.next() { lines += "\(block.cid) \(block.dataOffset) \(block.data.count)\n" }
            try Data(lines.utf8).write(to: URL(fileURLWithPath: indexPath(key)), options: .atomic)
            info = DagstoreShardInfo(key: key, state: DagstoreShardInfo.available, error: "")
        } catch let error as CARError {
            info = DagstoreShardInfo(key: key, state: DagstoreShardInfo.errored, error: "the piece's data is not a readable CAR: \(error)")
        } catch {
            info = DagstoreShardInfo(key: key, state: DagstoreShardInfo.errored, error: "\(error)")
        }
        try set(info)
        return info
    }

    /// The Available shards whose index holds block `cid`.
    public func lookup(_ cid: CID) -> [DagstoreShardInfo] {
        let needle = cid.description + " "
        return list().filter { shard in
            guard shard.state == DagstoreShardInfo.available,
                let index = try? String(contentsOfFile: indexPath(shard.key), encoding: .utf8)
            else { return false }
            return index.split(separator: "\n").contains { $0.hasPrefix(needle) }
        }
    }

    /// Where shard `key`'s piece is copied while it is indexed.
    public func transientPath(_ key: String) -> String { root + "/transients/" + key }

    /// Removes the transient copies left behind (by a crash while indexing): one result per file.
    public func gc() -> [DagstoreShardResult] {
        let folder = root + "/transients"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { name in
            do {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
                return DagstoreShardResult(key: name, success: true, error: "")
            } catch {
                return DagstoreShardResult(key: name, success: false, error: "\(error)")
            }
        }
    }

    private func indexPath(_ key: String) -> String { root + "/indices/" + key + ".full.idx" }

    private func set(_ info: DagstoreShardInfo) throws {
        try write(info)
        shards[info.key] = info
    }

    /// Writes shard `info`'s state file (its key is a CID, checked at registration, so it names a file safely).
    private nonisolated func write(_ info: DagstoreShardInfo) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try encoder.encode(info).write(to: URL(fileURLWithPath: root + "/datastore/shards/" + info.key + ".json"), options: .atomic)
        } catch {
            throw RPCError(.methodError, "cannot write the DAG store's state of shard \(info.key) under \(root)/datastore/shards: \(error)")
        }
    }
}
