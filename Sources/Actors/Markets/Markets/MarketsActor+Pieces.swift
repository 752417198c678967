import APICore
import ChainTypes
import Foundation
import StorageMarket
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

    public func listPayloads() async throws -> [CID] {
        try pieces.allPayloads().map(\.cid)
    }

    public func payloadInfo(_ payload: CID) async throws -> CIDInfo {
        guard let info = try pieces.payload(payload) else {
            throw RPCError(.methodError, "payload \(payload) not found; `lotus-miner pieces list-cids` lists the payloads of this provider's deals")
        }
        return info
    }

    /// Indexes `deal`'s payload (its data CID) as the verified data in `file`: retrieval by data CID finds the piece
    /// through it.
    func indexPayload(of deal: MinerDeal, stagedAt file: String) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.uint64Value ?? 0
        try pieces.addPayload(deal.ref.root, size: size, piece: deal.proposal.pieceCID)
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
