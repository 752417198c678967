import APICore
import MarketsAPI
import Multiformats

/// The piece index's API: which pieces this provider holds and where each deal's copy was sealed.
extension MarketsActor {
    public func listPieces() async throws -> [CID] {
        try pieces.all().map(\.pieceCID)
    }

    public func pieceInfo(_ piece: CID) async throws -> PieceRecord {
        guard let record = try pieces.piece(piece) else {
            throw RPCError(.methodError, "piece \(piece) not found; `lotus-miner pieces list-pieces` lists the pieces of this provider's deals")
        }
        return record
    }

    /// Keyed by deal ID, as Lotus's `SectorsRefs` (JSON cannot key a map by CID); sizes unpadded.
    public func sectorsRefs() async throws -> [String: [SealedRef]] {
        var refs: [String: [SealedRef]] = [:]
        for record in try pieces.all() {
            for deal in record.deals {
                refs[String(deal.dealID), default: []].append(
                    SealedRef(sectorID: deal.sectorID, offset: deal.offset, size: deal.length - deal.length / 128))
            }
        }
        return refs
    }
}
