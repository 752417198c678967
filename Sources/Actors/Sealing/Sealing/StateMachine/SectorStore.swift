import APICore
import Foundation
import SubsystemSupport

/// The sealing pipeline's records in the metadata datastore: one JSON document per sector under `/sectors/<number>`
/// and the next sector number under `/storage/nextid` (Lotus's keys), each written in one `put`, so a crash leaves
/// either the old or the new record.
public struct SectorStore: Sendable {
    public static let prefix = "/sectors/"
    public static let nextIDKey = "/storage/nextid"
    let metadata: any MetadataStore
    private var records: JSONRecords<SectorRecord> { JSONRecords(metadata: metadata, prefix: Self.prefix, noun: "sector record") }

    public init(metadata: any MetadataStore) {
        self.metadata = metadata
    }

    /// Stores `record`.
    public func save(_ record: SectorRecord) throws {
        try records.save(record, as: String(record.number))
    }

    /// Every stored sector, by number. A record that does not decode is reported, not skipped silently.
    /// - Throws: ``APICore/RPCError`` naming the key of a corrupt record.
    public func all() throws -> [SectorRecord] {
        try records.all().sorted { $0.number < $1.number }
    }

    /// One sector's record, if stored.
    public func record(_ number: UInt64) throws -> SectorRecord? {
        try records.record(String(number))
    }

    /// Allocates the next sector number (stored before it is returned, so no number is handed out twice).
    public func nextSectorNumber() throws -> UInt64 {
        var next: UInt64 = 0
        if let bytes = try metadata.get(Self.nextIDKey) {
            guard let stored = UInt64(String(decoding: bytes, as: UTF8.self)) else {
                throw RPCError(.methodError, "\(Self.nextIDKey) in the metadata datastore is not a number")
            }
            next = stored
        }
        let (following, overflow) = next.addingReportingOverflow(1)
        guard !overflow else { throw RPCError(.methodError, "sector numbers are exhausted") }
        try metadata.put(Self.nextIDKey, Array(String(following).utf8))
        return next
    }
}
