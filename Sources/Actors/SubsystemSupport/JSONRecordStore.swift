import APICore
import Foundation

/// Records of one type kept as JSON under one key prefix of the metadata datastore (`/deals/provider/<cid>`,
/// `/deals/client/<cid>`, …): each written in one `put` with sorted keys, so a crash leaves the old or the new record
/// and the bytes are stable; a record that does not decode is reported with its key, never skipped silently.
public struct JSONRecordStore<Record: Codable>: Sendable {
    /// The key prefix, ending in `/`.
    public let prefix: String
    /// What a record is and where it lives, for errors: "deal record … in the markets datastore".
    let what: String
    let place: String
    let metadata: any MetadataStore

    /// - Parameters:
    ///   - prefix: the key prefix, ending in `/`.
    ///   - what: the record's name in errors ("deal record").
    ///   - place: the datastore's name in errors ("the markets datastore").
    public init(metadata: any MetadataStore, prefix: String, what: String, place: String) {
        self.metadata = metadata
        self.prefix = prefix
        self.what = what
        self.place = place
    }

    /// Stores `record` under `prefix + name`.
    public func put(_ record: Record, name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try metadata.put(prefix + name, Array(try encoder.encode(record)))
    }

    /// The record under `prefix + name`, if stored.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func get(_ name: String) throws -> Record? {
        let key = prefix + name
        guard let bytes = try metadata.get(key) else { return nil }
        return try decode(bytes, key: key)
    }

    /// Every record directly under the prefix, by key; keys further down (`<prefix>storage-ask/latest`) are left out.
    public func all() throws -> [Record] {
        try metadata.query(prefix: prefix).filter { !$0.key.dropFirst(prefix.count).contains("/") }
            .map { try decode($0.value, key: $0.key) }
    }

    func decode(_ bytes: [UInt8], key: String) throws -> Record {
        do {
            return try JSONDecoder().decode(Record.self, from: Data(bytes))
        } catch {
            throw RPCError(.methodError, "\(what) \(key) in \(place) is corrupt: \(error)")
        }
    }
}
