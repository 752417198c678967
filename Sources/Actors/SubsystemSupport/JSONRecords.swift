import APICore
import Foundation

/// Records kept as JSON documents (sorted keys) in the metadata datastore, one per key under `prefix`, each written
/// in one `put` — so a crash leaves the old record or the new one. A record that does not decode is reported with its
/// key, never skipped. The sealing pipeline's sectors, the provider's deals and its piece index are kept this way.
public struct JSONRecords<Record: Codable>: Sendable {
    public let metadata: any MetadataStore
    /// The key prefix, ending in `/` (`/sectors/`, `/deals/provider/`).
    public let prefix: String
    /// What a record is, for errors (`sector record`, `deal record`).
    public let noun: String

    public init(metadata: any MetadataStore, prefix: String, noun: String) {
        self.metadata = metadata
        self.prefix = prefix
        self.noun = noun
    }

    /// Stores `record` under `prefix + name`.
    public func save(_ record: Record, as name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try metadata.put(prefix + name, Array(try encoder.encode(record)))
    }

    /// The record stored as `name`, if any.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func record(_ name: String) throws -> Record? {
        let key = prefix + name
        guard let bytes = try metadata.get(key) else { return nil }
        return try decode(bytes, key: key)
    }

    /// Every record directly under the prefix (keys further down, such as `/deals/provider/storage-ask/latest`, are
    /// not records of this kind), in key order; with `nested`, the records at every depth (names such as
    /// `<peer>/<id>`).
    public func all(nested: Bool = false) throws -> [Record] {
        try metadata.query(prefix: prefix).filter { nested || !$0.key.dropFirst(prefix.count).contains("/") }.map {
            try decode($0.value, key: $0.key)
        }
    }

    private func decode(_ bytes: [UInt8], key: String) throws -> Record {
        do {
            return try JSONDecoder().decode(Record.self, from: Data(bytes))
        } catch {
            throw RPCError(.methodError, "\(noun) \(key) in the metadata datastore is corrupt: \(error)")
        }
    }
}
