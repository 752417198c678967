import ChainState
import ChainTypes
import Foundation
import GRDB
import Multiformats

/// The chain daemon's chain database: one SQLite file (`<repo>/datastore/chain.sqlite`, WAL, `synchronous=FULL`)
/// holding tipsets, blocks, messages, receipts, actor state, an address index, the mpool and the network
/// parameters (tables in ``migrator()``).
///
/// It is the daemon's ``ChainState/ChainPersistence``: ``commit(_:)`` writes one epoch in one transaction, so
/// after a crash (even `kill -9`) the database holds either all of an epoch or none of it, and every mpool
/// message acknowledged to a client was stored before the acknowledgement.
public final class ChainStore: ChainPersistence, Sendable {
    /// File name of the database inside `<repo>/datastore/`.
    public static let fileName = "chain.sqlite"

    /// Path of the SQLite database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the chain database at `path`; the parent directory must exist.
    /// - Throws: ``ChainStoreError`` `.io` naming the file when it cannot be opened or is not a chain database.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "chain-store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator().migrate(pool)
        } catch let error as DatabaseError {
            throw ChainStoreError(
                .io, "cannot open chain database '\(path)': \(error.message ?? error.description); "
                    + "check that the file is a SQLite database and that the repo directory is writable")
        }
        self.path = path
    }

    /// Closes the database. Further calls fail.
    public func close() throws {
        try sqlite("closing") { try pool.close() }
    }

    // MARK: ChainPersistence

    public func load(recentEpochs: ChainEpoch) throws -> StoredChain? {
        try read("loading the chain") { db -> StoredChain? in
            guard let headBytes = try Self.meta(db, "head") else { return nil }
            let head = try Self.decode(ChainHead.self, headBytes, "the head (meta 'head')")
            var actors: [ActorRecord] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, record FROM actors ORDER BY id") {
                let id: Int64 = row["id"]
                let bytes: Data = row["record"]
                actors.append(try Self.decode(ActorRecord.self, bytes, "actor t0\(id)"))
            }
            let lowest = max(0, head.height - max(recentEpochs, 1) + 1)
            var recent: [TipSet] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT height, tipset FROM tipsets WHERE height >= ? AND height <= ? ORDER BY height",
                arguments: [lowest, head.height])
            {
                let height: Int64 = row["height"]
                let bytes: Data = row["tipset"]
                recent.append(try Self.decode(TipSet.self, bytes, "the tipset at height \(height)"))
            }
            var pending: [SignedMessage] = []
            for row in try Row.fetchAll(db, sql: "SELECT cid, signed FROM pending ORDER BY sender, nonce") {
                pending.append(try Self.signedMessage(row["signed"], row["cid"]))
            }
            return StoredChain(head: head, actors: actors, recentTipSets: recent, pending: pending)
        }
    }

    public func commit(_ epoch: EpochCommit) throws {
        let head = epoch.head
        let tipSetBytes = try Self.encode(head.tipSet)
        let headBytes = try Self.encode(head)
        let actorRows = try epoch.changedActors.map { ($0, try Self.encode($0)) }
        try write("committing epoch \(head.height)") { db in
            if let current = try Self.meta(db, "head") {
                let stored = try Self.decode(ChainHead.self, current, "the head (meta 'head')")
                guard head.height == stored.height + 1, head.tipSet.parents == stored.tipSet.key else {
                    throw ChainStoreError(
                        .conflict, "epoch \(head.height) does not extend the stored head at height \(stored.height)")
                }
            } else if head.height != 0 {
                throw ChainStoreError(.conflict, "the chain database is empty, so the first commit must be genesis, not epoch \(head.height)")
            }
            try db.execute(
                sql: "INSERT INTO tipsets (height, key, tipset) VALUES (?, ?, ?)",
                arguments: [head.height, head.tipSet.key.description, tipSetBytes])
            for block in head.tipSet.blocks {
                try db.execute(
                    sql: "INSERT INTO blocks (cid, height, header) VALUES (?, ?, ?)",
                    arguments: [block.cid.description, head.height, try Self.encode(block)])
            }
            for (position, (message, receipt)) in zip(epoch.messages, epoch.receipts).enumerated() {
                let cid = message.cid.description
                try db.execute(
                    sql: "INSERT OR IGNORE INTO messages (cid, sender, nonce, signed) VALUES (?, ?, ?, ?)",
                    arguments: [cid, message.message.from.description, message.message.nonce, Data(message.cborBytes)])
                try db.execute(
                    sql: """
                        INSERT INTO receipts (message_cid, height, position, exit_code, return_value, gas_used, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        cid, head.height, position, receipt.exitCode.rawValue, Data(receipt.returnValue), receipt.gasUsed,
                        receipt.error,
                    ])
            }
            for (record, bytes) in actorRows {
                try db.execute(
                    sql: "INSERT INTO actors (id, code, record) VALUES (?, ?, ?) "
                        + "ON CONFLICT(id) DO UPDATE SET code = excluded.code, record = excluded.record",
                    arguments: [Int64(record.id), record.code.rawValue, bytes])
                for (address, id) in Self.indexedAddresses(of: record) {
                    try db.execute(
                        sql: "INSERT INTO addresses (address, actor_id) VALUES (?, ?) "
                            + "ON CONFLICT(address) DO UPDATE SET actor_id = excluded.actor_id",
                        arguments: [address.description, Int64(id)])
                }
            }
            for cid in epoch.removedPending {
                try db.execute(sql: "DELETE FROM pending WHERE cid = ?", arguments: [cid.description])
            }
            try Self.setMeta(db, "head", headBytes)
            if head.height == 0 {
                try Self.setMeta(db, "genesis", Array(head.tipSet.block.cid.description.utf8))
            }
        }
    }

    public func addPending(_ message: SignedMessage) throws {
        try write("storing mpool message \(message.cid)") { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pending (cid, sender, nonce, signed) VALUES (?, ?, ?, ?)",
                arguments: [message.cid.description, message.message.from.description, message.message.nonce, Data(message.cborBytes)])
        }
    }

    public func removePending(_ cids: [CID]) throws {
        guard !cids.isEmpty else { return }
        try write("removing mpool messages") { db in
            for cid in cids {
                try db.execute(sql: "DELETE FROM pending WHERE cid = ?", arguments: [cid.description])
            }
        }
    }

    public func lookup(message cid: CID) throws -> MsgLookup? {
        try read("looking up message \(cid)") { db -> MsgLookup? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.height, r.exit_code, r.return_value, r.gas_used, r.reason, t.key, t.tipset
                        FROM receipts r JOIN tipsets t ON t.height = r.height WHERE r.message_cid = ?
                        """,
                    arguments: [cid.description])
            else { return nil }
            let height: Int64 = row["height"]
            let tipSetBytes: Data = row["tipset"]
            let tipSet = try Self.decode(TipSet.self, tipSetBytes, "the tipset at height \(height)")
            let returnValue: Data = row["return_value"]
            let receipt = MessageReceipt(
                exitCode: ExitCode(rawValue: row["exit_code"]), returnValue: Array(returnValue), gasUsed: row["gas_used"],
                error: row["reason"])
            return MsgLookup(message: cid, receipt: receipt, tipSet: tipSet.key, height: height)
        }
    }

    public func message(_ cid: CID) throws -> SignedMessage? {
        try read("reading message \(cid)") { db in
            let text = cid.description
            let bytes =
                try Data.fetchOne(db, sql: "SELECT signed FROM messages WHERE cid = ?", arguments: [text])
                ?? Data.fetchOne(db, sql: "SELECT signed FROM pending WHERE cid = ?", arguments: [text])
            return try bytes.map { try Self.signedMessage($0, text) }
        }
    }

    public func tipSet(atHeight height: ChainEpoch) throws -> TipSet? {
        try read("reading the tipset at height \(height)") { db in
            try Data.fetchOne(db, sql: "SELECT tipset FROM tipsets WHERE height = ?", arguments: [height])
                .map { try Self.decode(TipSet.self, $0, "the tipset at height \(height)") }
        }
    }
}
