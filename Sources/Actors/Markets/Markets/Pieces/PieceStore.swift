import APICore
import Foundation
import MarketsAPI
import Multiformats
import SubsystemSupport

/// Which deals' pieces are in which sectors (Lotus's piecestore), in the markets node's metadata datastore under
/// `/storagemarket/pieces/<PieceCID>` — Lotus's key, so `lotus-shed market export-datastore` carries it with the deals.
/// Written when a deal is handed to sealing; `sectors refs` and `pieces …` read it.
public struct PieceStore: Sendable {
    public static let prefix = "/storagemarket/pieces/"
    let metadata: any MetadataStore

    public init(metadata: any MetadataStore) {
        self.metadata = metadata
    }

    /// Records that `placement` holds `piece` (a deal placed again, as after a retried hand-off, is recorded once).
    public func add(_ placement: PiecePlacement, piece: CID) throws {
        var record = try self.piece(piece) ?? PieceRecord(pieceCID: piece, deals: [])
        record.deals.removeAll { $0.dealID == placement.dealID }
        record.deals.append(placement)
        record.deals.sort { $0.dealID < $1.dealID }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try metadata.put(Self.prefix + piece.description, Array(try encoder.encode(record)))
    }

    /// The record of `piece`, if any deal holds it.
    public func piece(_ piece: CID) throws -> PieceRecord? {
        let key = Self.prefix + piece.description
        guard let bytes = try metadata.get(key) else { return nil }
        return try Self.decode(bytes, key: key)
    }

    /// Every piece's record, by piece CID.
    public func all() throws -> [PieceRecord] {
        try metadata.query(prefix: Self.prefix).map { try Self.decode($0.value, key: $0.key) }
    }

    static func decode(_ bytes: [UInt8], key: String) throws -> PieceRecord {
        do {
            return try JSONDecoder().decode(PieceRecord.self, from: Data(bytes))
        } catch {
            throw RPCError(.methodError, "piece record \(key) in the markets datastore is corrupt: \(error)")
        }
    }
}
