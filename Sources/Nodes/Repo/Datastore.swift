import Foundation
import GRDB

/// The node's metadata key-value space — Lotus's LevelDB `/metadata` namespace (miner address, sector FSM,
/// deals, piecestore, ...) — stored in SQLite (`<repo>/datastore/metadata.sqlite`, WAL mode) as
/// `kv(key TEXT PRIMARY KEY, value BLOB)`.
///
/// Keys are Lotus datastore keys: they must start with `/` and are cleaned like `datastore.NewKey`.
/// Every write is one SQLite transaction (synchronous=FULL), so a crash leaves either the old or the new
/// state. Reads run concurrently with writes.
public final class Datastore: Sendable {
    /// File name of the database inside `<repo>/datastore/`.
    public static let fileName = "metadata.sqlite"

    /// Path of the SQLite database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`; the parent directory must exist.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "metadata-datastore"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1-kv") { db in
                try db.execute(sql: "CREATE TABLE kv (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID")
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw RepoError(.io, "cannot open metadata datastore '\(path)': \(error.message ?? error.description); "
                + "check that the file is a SQLite database and that the repo directory is writable")
        }
        self.path = path
    }

    /// Value stored under `key`, or nil.
    public func get(_ key: String) throws -> [UInt8]? {
        try read { try $0.get(key) }
    }

    /// Whether `key` has a value.
    public func has(_ key: String) throws -> Bool {
        try read { try $0.has(key) }
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func put(_ key: String, _ value: [UInt8]) throws {
        try write { try $0.put(key, value) }
    }

    /// Removes `key`; removing a missing key is not an error.
    public func delete(_ key: String) throws {
        try write { try $0.delete(key) }
    }

    /// All entries under `prefix` ordered by key; see ``DatastoreTransaction/query(prefix:)`` for the rules.
    public func query(prefix: String) throws -> [(key: String, value: [UInt8])] {
        try read { try $0.query(prefix: prefix) }
    }

    /// Stores all `entries` in ONE transaction: either all are written or, on any error, none.
    /// All keys are validated before anything is written.
    public func batch(_ entries: [(String, [UInt8])]) throws {
        for (key, _) in entries { _ = try DatastoreKey.normalize(key) }
        try write { txn in
            for (key, value) in entries { try txn.put(key, value) }
        }
    }

    /// Runs `body` in a write transaction: other writers (in this process) wait until it returns, while
    /// readers keep seeing the last committed state. Used to take a consistent backup, or for
    /// read-modify-write sequences. Changes made through the transaction commit when `body` returns
    /// and roll back if it throws.
    public func withWriteLock<T>(_ body: (DatastoreTransaction) throws -> T) throws -> T {
        try write(body)
    }

    /// Closes the database. Further calls fail with an error.
    public func close() throws {
        do {
            try pool.close()
        } catch let error as DatabaseError {
            throw RepoError(.io, "cannot close metadata datastore '\(path)': \(error.message ?? error.description)")
        }
    }

    private func read<T>(_ body: (DatastoreTransaction) throws -> T) throws -> T {
        try DatastoreTransaction.sqlite { try pool.read { try body(DatastoreTransaction($0)) } }
    }

    private func write<T>(_ body: (DatastoreTransaction) throws -> T) throws -> T {
        try DatastoreTransaction.sqlite { try pool.write { try body(DatastoreTransaction($0)) } }
    }
}
