import Foundation
import GRDB

/// Key-value access inside one SQLite transaction of a ``Datastore``.
///
/// Only valid inside the closure it was passed to (``Datastore/withWriteLock(_:)``); do not store it.
public struct DatastoreTransaction {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    /// Value stored under `key`, or nil.
    public func get(_ key: String) throws -> [UInt8]? {
        let key = try DatastoreKey.normalize(key)
        return try Self.sqlite {
            try Data.fetchOne(db, sql: "SELECT value FROM kv WHERE key = ?", arguments: [key]).map { Array($0) }
        }
    }

    /// Whether `key` has a value.
    public func has(_ key: String) throws -> Bool {
        let key = try DatastoreKey.normalize(key)
        return try Self.sqlite {
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM kv WHERE key = ?)", arguments: [key]) ?? false
        }
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func put(_ key: String, _ value: [UInt8]) throws {
        let key = try DatastoreKey.normalize(key)
        try Self.sqlite {
            try db.execute(sql: "INSERT OR REPLACE INTO kv(key, value) VALUES (?, ?)", arguments: [key, Data(value)])
        }
    }

    /// Removes `key`; removing a missing key is not an error.
    public func delete(_ key: String) throws {
        let key = try DatastoreKey.normalize(key)
        try Self.sqlite {
            try db.execute(sql: "DELETE FROM kv WHERE key = ?", arguments: [key])
        }
    }

    /// All entries under `prefix`, ordered by key (byte order), with go-datastore prefix semantics:
    /// `/deals` matches `/deals/a` but neither `/deals` itself nor `/dealsx`; `/` matches everything.
    public func query(prefix: String) throws -> [(key: String, value: [UInt8])] {
        let (lower, upper) = try DatastoreKey.prefixRange(prefix)
        return try Self.sqlite {
            try Row.fetchAll(
                db, sql: "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key",
                arguments: [lower, upper]
            ).map { row in
                let key: String = row["key"]
                let value: Data = row["value"] ?? Data()
                return (key: key, value: Array(value))
            }
        }
    }

    /// Runs a GRDB call, turning database errors into ``RepoError``.
    static func sqlite<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw RepoError(.io, "metadata datastore: \(error.message ?? error.description)")
        }
    }
}

/// Lotus datastore key rules (`datastore.NewKey`).
enum DatastoreKey {
    /// Checks the leading `/` and cleans the key like Go's `path.Clean` (`/a//b/` → `/a/b`).
    static func normalize(_ key: String) throws -> String {
        guard key.hasPrefix("/") else {
            throw RepoError(.invalidKey, "invalid datastore key '\(key)': keys must start with '/' "
                + "(for example '/miner-address' or '/deals/provider/...')")
        }
        return clean(key)
    }

    /// `path.Clean` for absolute paths.
    static func clean(_ key: String) -> String {
        var parts: [Substring] = []
        for part in key.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Half-open key range `[p/, p0)` for prefix `p` — exactly the keys that start with `p/` under SQLite's
    /// byte-wise collation, because `0` is the byte after `/`.
    static func prefixRange(_ prefix: String) throws -> (String, String) {
        let raw = prefix.isEmpty ? "/" : (prefix.hasPrefix("/") ? prefix : "/" + prefix)
        var cleaned = clean(raw)
        if cleaned != "/" { cleaned += "/" }
        return (cleaned, String(cleaned.dropLast()) + "0")
    }
}
