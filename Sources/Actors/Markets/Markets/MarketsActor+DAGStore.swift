import APICore
import Foundation
import Logging
import MarketsAPI
import Multiformats

/// The DAG store's API (`Dagstore*`, `lotus-miner dagstore …`): a shard per deal piece, indexed when the deal's data
/// is handed off, and rebuilt from the piece itself — read from its unsealed copy, here or over `/remote`, or
/// unsealed first — when its index is missing.
extension MarketsActor {
    func requireDAGStore() throws -> DAGStore {
        guard let dagstore else { throw RPCError(.methodError, "this node runs no DAG store (it runs without Markets)") }
        return dagstore
    }

    /// Registers and indexes the shard of `piece` from the deal's CAR at `file` (before the staged copy goes). A
    /// failure is the shard's state, never the deal's.
    func indexShard(_ piece: CID, car file: String) async {
        guard let dagstore else { return }
        do {
            let shard = try await dagstore.initialize(piece.description, car: file)
            if shard.state == DagstoreShardInfo.errored {
                logger.info("shard not indexed", metadata: ["piece": "\(piece)", "error": "\(shard.error)"])
            }
        } catch {
            logger.warning("cannot index the shard", metadata: ["piece": "\(piece)", "error": "\(error)"])
        }
    }

    public func dagstoreListShards() async throws -> [DagstoreShardInfo] {
        try await requireDAGStore().list()
    }

    public func dagstoreRegisterShard(_ key: String) async throws {
        guard let cid = try? CID(key), try pieces.piece(cid) != nil else {
            throw RPCError(.methodError, "no deal of this provider holds piece '\(key)'; `lotus-miner pieces list-pieces` lists them")
        }
        try await requireDAGStore().register(key)
    }

    /// `DagstoreInitializeShard`: indexes a registered shard that is not Available yet.
    public func dagstoreInitializeShard(_ key: String) async throws {
        let dagstore = try requireDAGStore()
        guard let shard = await dagstore.shard(key) else { throw RPCError(.methodError, "shard \(key) is not registered") }
        guard shard.state != DagstoreShardInfo.available else { throw RPCError(.methodError, "shard \(key) is already initialized") }
        try await rebuildShard(key, on: dagstore)
    }

    /// `DagstoreRecoverShard`: rebuilds an Errored shard's index from its piece.
    public func dagstoreRecoverShard(_ key: String) async throws {
        let dagstore = try requireDAGStore()
        guard let shard = await dagstore.shard(key) else { throw RPCError(.methodError, "shard \(key) is not registered") }
        guard shard.state == DagstoreShardInfo.errored else { throw RPCError(.methodError, "shard \(key) is not in errored state (\(shard.state))") }
        try await rebuildShard(key, on: dagstore)
    }

    public func dagstoreLookupPieces(_ cid: CID) async throws -> [DagstoreShardInfo] {
        try await requireDAGStore().lookup(cid)
    }

    public func dagstoreGC() async throws -> [DagstoreShardResult] {
        try await requireDAGStore().gc()
    }

    /// Copies the piece's CAR (as long as its deal's payload; the rest of the piece is zeros) to a transient file,
    /// indexes it, and removes the copy.
    private func rebuildShard(_ key: String, on dagstore: DAGStore) async throws {
        guard let piece = try? CID(key) else { throw RPCError(.invalidParams, "shard key '\(key)' is not a piece CID") }
        let location = try await locatePiece(piece)
        let length = try pieces.allPayloads().lazy.flatMap(\.pieceBlockLocations).first { $0.pieceCID == piece }.map(\.blockSize)
            ?? location.unpaddedLength
        let transient = await dagstore.transientPath(key)
        defer { try? FileManager.default.removeItem(atPath: transient) }
        guard FileManager.default.createFile(atPath: transient, contents: nil), let handle = FileHandle(forWritingAtPath: transient) else {
            throw RPCError(.methodError, "cannot write the transient copy \(transient)")
        }
        do {
            for try await chunk in try await pieceBytes(at: location, start: 0, end: min(length, location.unpaddedLength)) {
                try handle.write(contentsOf: chunk)
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw RPCError(.methodError, "cannot copy piece \(key) for indexing: \(error)")
        }
        let shard = try await dagstore.initialize(key, car: transient)
        guard shard.state == DagstoreShardInfo.available else { throw RPCError(.methodError, "shard \(key): \(shard.error)") }
    }
}
