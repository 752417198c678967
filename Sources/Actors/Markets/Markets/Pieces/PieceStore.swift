import MarketsAPI
import Multiformats
import SubsystemSupport

/// Which deals' pieces are in which sectors (Lotus's piecestore), in the markets node's metadata datastore under
/// `/storagemarket/pieces/<PieceCID>` — Lotus's key, so `lotus-shed market export-datastore` carries it with the deals.
/// Written when a deal is handed to sealing; `sectors refs` and `pieces …` read it.
public struct PieceStore: Sendable {
    public static let prefix = "/storagemarket/pieces/"
    /// Payload CID → piece, Lotus's `/storagemarket/cid-infos/<CID>`.
    public static let payloadPrefix = "/storagemarket/cid-infos/"
    let records: JSONRecords<PieceRecord>
    let payloads: JSONRecords<CIDInfo>

    public init(metadata: any MetadataStore) {
        records = JSONRecords(metadata: metadata, prefix: Self.prefix, noun: "piece record")
        payloads = JSONRecords(metadata: metadata, prefix: Self.payloadPrefix, noun: "payload record")
    }

    /// Records that piece `piece` holds `size` bytes of payload `root` from its start (kept once per piece).
    public func addPayload(_ root: CID, size: UInt64, piece: CID) throws {
        var info = try payload(root) ?? CIDInfo(cid: root, pieceBlockLocations: [])
        info.pieceBlockLocations.removeAll { $0.pieceCID == piece }
        info.pieceBlockLocations.append(PieceBlockLocation(relOffset: 0, blockSize: size, pieceCID: piece))
        try payloads.save(info, as: root.description)
    }

    /// The pieces that hold payload `root`, if any.
    public func payload(_ root: CID) throws -> CIDInfo? {
        try payloads.record(root.description)
    }

    /// Every payload the index knows.
    public func allPayloads() throws -> [CIDInfo] {
        try payloads.all()
    }

    /// Records that `placement` holds `piece` (a deal placed again, as after a retried hand-off, is recorded once).
    public func add(_ placement: PiecePlacement, piece: CID) throws {
        var record = try self.piece(piece) ?? PieceRecord(pieceCID: piece, deals: [])
        record.deals.removeAll { $0.dealID == placement.dealID }
        record.deals.append(placement)
        record.deals.sort { $0.dealID < $1.dealID }
        try records.save(record, as: piece.description)
    }

    /// The record of `piece`, if any deal holds it.
    public func piece(_ piece: CID) throws -> PieceRecord? {
        try records.record(piece.description)
    }

    /// Every piece's record, by piece CID.
    public func all() throws -> [PieceRecord] {
        try records.all()
    }
}
