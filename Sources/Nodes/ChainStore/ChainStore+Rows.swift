import ChainState
import ChainTypes
import Foundation
import GRDB
import Multiformats

/// Row encoding and the SQLite plumbing shared by the store's operations.
extension ChainStore {
    /// Runs `body` in a read transaction, mapping SQLite errors to ``ChainStoreError``.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try sqlite(what) { try pool.read(body) }
    }

    /// Runs `body` in one write transaction (all of it commits, or none of it).
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try sqlite(what) { try pool.write(body) }
    }

    func sqlite<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw ChainStoreError(.io, "\(what) in '\(path)': \(error.message ?? error.description)")
        }
    }

    static func meta(_ db: Database, _ key: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]).map { Array($0) }
    }

    static func setMeta(_ db: Database, _ key: String, _ value: some Collection<UInt8>) throws {
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, Data(value)])
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: some Collection<UInt8>, _ what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw ChainStoreError(.corrupt, "\(what) in the chain database cannot be read: \(error)")
        }
    }

    static func signedMessage(_ bytes: Data, _ cid: String) throws -> SignedMessage {
        do {
            return try SignedMessage(cborBytes: Array(bytes))
        } catch {
            throw ChainStoreError(.corrupt, "message \(cid) in the chain database cannot be read: \(error)")
        }
    }

    /// The address → ID pairs a changed actor contributes to the `addresses` index: every entry of the init
    /// actor's map, and an account's key address.
    static func indexedAddresses(of record: ActorRecord) -> [(Address, ActorID)] {
        switch record.state {
        case .initActor(let state): state.addressMap.entries.map { ($0.key, $0.value) }
        case .account(let state) where state.address.id == nil: [(state.address, record.id)]
        default: []
        }
    }
}
