import APICore
import ChainTypes
import Foundation
import Logging
import MinerConfig
import MockProofs
import Multiformats
import PieceCommitment
import SealingAPI
import SectorStorageAPI
import SubsystemSupport

/// Unsealing (Lotus `SectorsUnsealPiece`, `lotus-miner sectors unseal`): the sector's unsealed copy made again from its
/// sealed replica — the mock PoRep run backwards with the sector's ticket — and checked against the commitments of the
/// pieces it covers before it is kept.
extension SealingActor {
    public func sectorsUnsealPiece(_ sector: SectorRef, _ offset: UInt64, _ size: UInt64, _ randomness: Base64Bytes, _ commD: CID?) async throws {
        let environment = try await sealingEnvironment()
        guard await config.current().storage.allowUnseal else {
            throw RPCError(.methodError, "this node may not unseal ([Storage] AllowUnseal = false) and has no other worker")
        }
        try loadRecords()
        guard sector.id.miner == environment.minerID, let record = records[sector.id.number] else {
            throw RPCError(.methodError, "sector \(sector.id) is not one of this miner's sectors")
        }
        guard let ticket = randomness.bytes.isEmpty ? record.ticket : randomness.bytes, record.commR != nil else {
            throw RPCError(.methodError, "sector \(sector.id.number) is not sealed yet (\(record.state))")
        }
        if let commD, commD != record.commD {
            throw RPCError(.methodError, "CommD \(commD) is not sector \(sector.id.number)'s (\(record.commD?.description ?? "none"))")
        }
        let sectorBytes = environment.sectorSize.bytes
        let unpaddedSector = sectorBytes / 128 * 127
        let (end, overflow) = offset.addingReportingOverflow(size)
        guard offset % 127 == 0, UnpaddedPieceSize(rawValue: size) != nil, !overflow, end <= unpaddedSector else {
            throw RPCError(
                .methodError, "cannot unseal \(size) bytes at unpadded offset \(offset) of a \(unpaddedSector)-byte sector (whole 127-byte quanta of a piece size)")
        }
        let id = environment.sector(sector.id.number)
        let local = try await environment.storage.call(\.storageLocal)
        let holders = try await environment.storage.call(\.storageFindSector, id, SectorFileType.sealed, sectorBytes, false)
        guard let (pathID, path) = holders.lazy.compactMap({ holder in local[holder.id].map { (holder.id, $0) } }).first else {
            throw RPCError(.methodError, "no local path holds the sealed file of \(id)")
        }
        let replica = Array(try Data(contentsOf: URL(fileURLWithPath: "\(path)/sealed/\(id.fileName)")))
        let unsealed = try MockReplica.unseal(replica, key: MockReplica.Key(ticket: ticket, miner: environment.minerID, sector: sector.id.number))

        // Every piece the range covers must come back with its commitment.
        let first = offset / 127 * 128, last = end / 127 * 128
        var pieceOffset: UInt64 = 0
        for piece in record.pieces {
            defer { pieceOffset += piece.size }
            guard pieceOffset < last, pieceOffset + piece.size > first, pieceOffset + piece.size <= UInt64(unsealed.count) else { continue }
            let payload = try Fr32.unpad(Array(unsealed[Int(pieceOffset)..<Int(pieceOffset + piece.size)]))
            let cid = try PieceDigest.of(payload).cid
            guard cid == piece.pieceCID else {
                throw RPCError(.methodError, "unsealing sector \(sector.id.number) gave piece \(cid) at offset \(pieceOffset), not \(piece.pieceCID): wrong ticket or damaged replica")
            }
        }
        try FileManager.default.createDirectory(atPath: "\(path)/unsealed", withIntermediateDirectories: true)
        try Data(unsealed).write(to: URL(fileURLWithPath: "\(path)/unsealed/\(id.fileName)"), options: .atomic)
        _ = try await environment.storage.call(\.storageDeclareSector, pathID, id, SectorFileType.unsealed, false)
        logger.info("unsealed a sector", metadata: ["sector": "\(sector.id.number)", "offset": "\(offset)", "size": "\(size)"])
    }
}
