import APICore
import ChainTypes
import Foundation
import Logging
import MarketsAPI
import MinerConfig
import Multiformats
import SealingAPI
import SectorStorageAPI
import SubsystemSupport

/// Retrieval of a piece by its CID: the policy (`ConsiderOnlineRetrievalDeals`, `RetrievalFilter`) and where its bytes
/// are — an unsealed copy on a path this node can read (its own `storage.json`: the monolith's paths, or paths the
/// markets node shares with the mining node), or one the mining node serves at `/remote`; failing both, the mining
/// node unseals the sector first.
extension MarketsActor {
    /// `nil` when retrievals are served, else the reason (Lotus's `RetrievalDealFilter`).
    public func retrievalRefusal(piece: CID) async -> String? {
        let dealmaking = await config.current().dealmaking
        guard dealmaking.considerOnlineRetrievalDeals else { return "miner is not accepting online retrieval deals" }
        // Lotus's filter reads ConsiderOfflineRetrievalDeals and only logs: every retrieval it serves is online.
        if !dealmaking.considerOfflineRetrievalDeals { logger.info("offline retrieval has not been implemented yet") }
        guard !dealmaking.retrievalFilter.isEmpty else { return nil }
        let input = GoJSONIndent.indent(Array(#"{"DealType":"retrieval","PieceCID":{"/":"\#(piece)"}}"#.utf8))
        if case .reject(let output) = await FilterCommand(command: dealmaking.retrievalFilter).run(input: Array(input.utf8)) {
            return output
        }
        return nil
    }

    /// Where piece `cid` can be read, in Lotus's order: an unsealed copy on a path of this node; else one the sector
    /// index knows on another node (read over its `/remote`); else the mining node unseals the sector
    /// (`SectorsUnsealPiece`) and the new copy is read from wherever it landed.
    /// - Throws: ``APICore/RPCError`` when no deal holds the piece or no copy can be made readable here.
    public func locatePiece(_ cid: CID) async throws -> PieceLocation {
        guard let record = try pieces.piece(cid), let placement = record.deals.first else {
            throw RPCError(.methodError, "piece \(cid) is not held by any deal of this provider")
        }
        let provider = try await identity()
        guard let minerID = provider.miner.id else { throw RPCError(.methodError, "the miner address \(provider.miner) is not an ID address") }
        let sector = SectorID(miner: minerID, number: placement.sectorID)
        let name = "s-t0\(minerID)-\(placement.sectorID)"
        let end = placement.offset.addingReportingOverflow(placement.length)
        guard !end.overflow else { throw RPCError(.methodError, "piece \(cid) has an impossible placement") }
        func reachable() async throws -> PieceLocation.Source? {
            for path in try localPaths() {
                let file = "\(path)/unsealed/\(name)"
                if DealStaging.size(of: file) >= end.partialValue { return .file(file) }
            }
            guard let sectorIndex, let remoteReader else { return nil }
            for url in try await sectorIndex.call(\.storageFindSector, sector, .unsealed, 0, false).flatMap(\.urls)
            where await remoteReader.holds(url, range: placement.offset..<end.partialValue) {
                return .remote(url)
            }
            return nil
        }
        if let source = try await reachable() { return PieceLocation(source: source, offset: placement.offset, length: placement.length) }
        // No unsealed copy anywhere: the mining node makes one from the sealed replica (Lotus's SectorsUnsealPiece).
        guard let sealing else { throw RPCError(.methodError, "no unsealed copy of \(name) and no Sealing API to unseal it") }
        let status = try await sealing.call(\.sectorsStatus, placement.sectorID, false)
        guard let ticket = status.ticket?.value else { throw RPCError(.methodError, "sector \(placement.sectorID) has no ticket to unseal with") }
        let ref = SectorRef(id: sector, proofType: status.sealProof)
        logger.info("unsealing a sector for retrieval", metadata: ["sector": "\(placement.sectorID)", "piece": "\(cid)"])
        _ = try await sealing.call(
            \.sectorsUnsealPiece, ref, placement.offset - placement.offset / 128, placement.length - placement.length / 128, ticket, status.commD)
        guard let source = try await reachable() else {
            throw RPCError(
                .methodError,
                "sector \(placement.sectorID) was unsealed on the mining node, on a path this node can neither read nor fetch; share that path in this node's storage.json, or set [Subsystems] SectorIndexApiInfo")
        }
        return PieceLocation(source: source, offset: placement.offset, length: placement.length)
    }

    /// Bytes `start..<end` of the piece at `location`, unpadded, read from its file or fetched from `/remote`.
    /// - Throws: ``APICore/RPCError`` before the first byte when the copy cannot be opened or fetched.
    public func pieceBytes(at location: PieceLocation, start: UInt64, end: UInt64) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard start < end else { return AsyncThrowingStream { $0.finish() } }
        let relative = UnpaddedPieceReader.paddedRange(start: start, end: end)
        let padded = (location.offset + relative.lowerBound)..<(location.offset + relative.upperBound)
        let input: AsyncThrowingStream<[UInt8], any Error>
        switch location.source {
        case .file(let path):
            input = try FileRangeReader(path: path, range: padded).chunks
        case .remote(let url):
            guard let remoteReader else { throw RPCError(.methodError, "\(url) is another node's copy and this node reads none") }
            input = try await remoteReader.read(url, range: padded)
        }
        return UnpaddedPieceReader(padded: input, start: start, end: end).chunks
    }
}
