import APICore
import ChainTypes
import Foundation
import Logging
import MarketsAPI
import MinerConfig
import Multiformats
import SealingAPI
import SubsystemSupport

/// Retrieval of a piece by its CID: the policy (`ConsiderOnlineRetrievalDeals`, `RetrievalFilter`) and where its bytes
/// are — an unsealed copy on a path this node can read (its own `storage.json`: the monolith's paths, or paths the
/// markets node shares with the mining node), or else the mining node unseals the sector first.
extension MarketsActor {
    /// `nil` when retrievals are served, else the reason (Lotus's `RetrievalDealFilter`).
    public func retrievalRefusal(piece: CID) async -> String? {
        let dealmaking = await config.current().dealmaking
        guard dealmaking.considerOnlineRetrievalDeals else { return "miner is not accepting online retrieval deals" }
        guard !dealmaking.retrievalFilter.isEmpty else { return nil }
        let input = GoJSONIndent.indent(Array(#"{"DealType":"retrieval","PieceCID":{"/":"\#(piece)"}}"#.utf8))
        if case .reject(let output) = await FilterCommand(command: dealmaking.retrievalFilter).run(input: Array(input.utf8)) {
            return output
        }
        return nil
    }

    /// Where piece `cid` can be read, unsealing its sector on the mining node when no unsealed copy is reachable.
    /// - Throws: ``APICore/RPCError`` when no deal holds the piece or no copy can be made readable here.
    public func locatePiece(_ cid: CID) async throws -> PieceLocation {
        guard let record = try pieces.piece(cid), let placement = record.deals.first else {
            throw RPCError(.methodError, "piece \(cid) is not held by any deal of this provider")
        }
        let provider = try await identity()
        guard let minerID = provider.miner.id else { throw RPCError(.methodError, "the miner address \(provider.miner) is not an ID address") }
        let name = "s-t0\(minerID)-\(placement.sectorID)"
        let end = placement.offset.addingReportingOverflow(placement.length)
        guard !end.overflow else { throw RPCError(.methodError, "piece \(cid) has an impossible placement") }
        func readable() throws -> String? {
            for path in try localPaths() {
                let file = "\(path)/unsealed/\(name)"
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.uint64Value ?? 0
                if size >= end.partialValue { return file }
            }
            return nil
        }
        if let file = try readable() { return PieceLocation(file: file, offset: placement.offset, length: placement.length) }
        // No unsealed copy here: the mining node makes one from the sealed replica (Lotus's SectorsUnsealPiece).
        guard let sealing else { throw RPCError(.methodError, "no unsealed copy of \(name) and no Sealing API to unseal it") }
        let status = try await sealing.call(\.sectorsStatus, placement.sectorID, false)
        guard let ticket = status.ticket?.value else { throw RPCError(.methodError, "sector \(placement.sectorID) has no ticket to unseal with") }
        let ref = SectorRef(id: SectorID(miner: minerID, number: placement.sectorID), proofType: status.sealProof)
        logger.info("unsealing a sector for retrieval", metadata: ["sector": "\(placement.sectorID)", "piece": "\(cid)"])
        _ = try await sealing.call(
            \.sectorsUnsealPiece, ref, placement.offset - placement.offset / 128, placement.length - placement.length / 128, ticket, status.commD)
        guard let file = try readable() else {
            throw RPCError(
                .methodError,
                "sector \(placement.sectorID) was unsealed on the mining node, on a path this node cannot read; add that path to this node's storage.json (the runbook's shared storage)")
        }
        return PieceLocation(file: file, offset: placement.offset, length: placement.length)
    }

    /// Payload `payload` as its deal stored it: the first bytes of its piece, as many as the staged data had.
    public func retrieve(_ payload: CID, for client: String) async throws -> (size: UInt64, bytes: AsyncThrowingStream<[UInt8], any Error>) {
        guard let info = try pieces.payload(payload), let location = info.pieceBlockLocations.first else {
            throw RPCError(.methodError, "payload \(payload) is not held by any deal of this provider")
        }
        if let refusal = await retrievalRefusal(piece: location.pieceCID) { throw RPCError(.methodError, refusal) }
        let piece = try await locatePiece(location.pieceCID)
        let (end, overflow) = location.relOffset.addingReportingOverflow(location.blockSize)
        guard !overflow, end <= piece.unpaddedLength else { throw RPCError(.methodError, "payload \(payload) lies outside its piece") }
        logger.info("retrieval", metadata: ["payload": "\(payload)", "client": "\(client)", "bytes": "\(location.blockSize)"])
        return (location.blockSize, try UnpaddedPieceReader(location: piece, start: location.relOffset, end: end).chunks)
    }
}
