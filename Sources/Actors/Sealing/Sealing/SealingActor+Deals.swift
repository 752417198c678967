import APICore
import ChainTypes
import Foundation
import Logging
import MinerConfig
import PieceCommitment
import SealingAPI
import SectorStorageAPI
import SubsystemSupport

/// Deal pieces: `SectorAddPieceToAny` and the sectors that wait for them (Lotus `storage/pipeline/input.go`).
extension SealingActor {
    public func sectorAddPieceToAny(_ size: UInt64, _ data: ByteStream, _ deal: PieceDealInfo) async throws -> SectorOffset {
        let environment = try await sealingEnvironment()
        try loadRecords()
        let unpadded: UnpaddedPieceSize
        do {
            unpadded = try UnpaddedPieceSize(validating: size)
        } catch {
            throw RPCError(.methodError, "piece size \(size) is not an unpadded piece size (127 × 2^k bytes): \(error)")
        }
        let padded = unpadded.padded
        guard await config.current().storage.allowAddPiece else {
            throw RPCError(.methodError, "this node may not add pieces ([Storage] AllowAddPiece = false) and has no other worker")
        }
        guard padded.rawValue <= environment.sectorSize.bytes else {
            throw RPCError(.methodError, "a \(padded.rawValue)-byte piece does not fit a \(environment.sectorSize) sector")
        }
        if let proposal = deal.dealProposal, proposal.pieceSize != padded.rawValue {
            throw RPCError(.methodError, "deal \(deal.dealID) is for a \(proposal.pieceSize)-byte piece, not \(padded.rawValue) bytes")
        }
        // A deal already placed (the markets node retrying after a lost answer) gets the same answer: a deal is
        // sealed once. Its bytes are drained so the sender's push completes.
        if deal.dealID != 0, let placed = placement(ofDeal: deal.dealID) {
            for try await _ in try await data.chunks() {}
            logger.info("deal piece already placed; answering as before", metadata: ["deal": "\(deal.dealID)", "sector": "\(placed.sector)"])
            return placed
        }
        // The bytes first (across the split they arrive as a push beside this call): a call whose data never comes
        // must not hold a sector.
        let chunks = try await data.chunks()
        // Blocks until a sector takes the piece (MaxWaitDealsSectors may hold new ones back).
        var assignment: Assignment?
        while assignment == nil {
            let limit = await config.current().sealing.maxWaitDealsSectors
            assignment = try assign(padded, sectorSize: environment.sectorSize.bytes, maxOpen: limit)
            if assignment == nil { try await Task.sleep(for: pollInterval * 4) }
        }
        guard let assignment else { throw CancellationError() }
        let sector = environment.sector(assignment.number)
        do {
            let work = SectorWork(environment: environment, pollInterval: pollInterval)
            let (id, path) = try await work.sealingPath(for: sector, allocating: .unsealed)
            let file = try Self.unsealedFile(in: path, sector: sector, size: environment.sectorSize.bytes)
            let digest = try await PieceWriter.write(chunks, size: unpadded, to: file, at: assignment.offset)
            if let expected = deal.dealProposal?.pieceCID, digest.cid != expected {
                try? PieceWriter.zero(try FileHandle(forUpdating: URL(fileURLWithPath: file)), from: assignment.offset, count: padded.rawValue)
                throw RPCError(.methodError, "piece CID mismatch: deal \(deal.dealID) expects \(expected), the data's commitment is \(digest.cid)")
            }
            _ = try await environment.storage.call(\.storageDeclareSector, id, sector, SectorFileType.unsealed, false)
            let piece = SectorPiece(size: padded.rawValue, pieceCID: digest.cid, dealID: deal.dealID, dealSchedule: deal.dealSchedule)
            let record = try advance(assignment.number, .pieceAdded(assignment.fillers + [piece]))
            logger.info(
                "deal piece added", metadata: ["sector": "\(assignment.number)", "offset": "\(assignment.offset)", "deal": "\(deal.dealID)"])
            if record.filled >= environment.sectorSize.bytes {
                _ = try advance(assignment.number, .startPacking)
                start(assignment.number)
            } else {
                scheduleSealing(assignment.number)
            }
            return SectorOffset(sector: assignment.number, offset: assignment.offset)
        } catch {
            _ = try? advance(assignment.number, .addPieceFailed("\(error)"))
            start(assignment.number)  // AddPieceFailed retries back to WaitDeals
            throw error
        }
    }

    /// Where deal `dealID`'s piece went, if a live sector holds it.
    func placement(ofDeal dealID: UInt64) -> SectorOffset? {
        for record in records.values.sorted(by: { $0.number < $1.number }) where record.state != .removed && record.state != .removing {
            var offset: UInt64 = 0
            for piece in record.pieces {
                if piece.dealID == dealID { return SectorOffset(sector: record.number, offset: offset) }
                offset += piece.size
            }
        }
        return nil
    }

    public func sectorStartSealing(_ number: UInt64) async throws {
        try loadRecords()
        guard let record = records[number] else {
            throw RPCError(.methodError, "sector \(number) not found; `lotus-miner sectors list` shows the sectors")
        }
        guard record.state == .waitDeals else {
            throw RPCError(.methodError, "sector \(number) is \(record.state), not waiting for deals")
        }
        _ = try advance(number, .startPacking)
        start(number)
    }

    /// A sector chosen for a piece: its number, the piece's padded offset, and the padding pieces before it.
    struct Assignment {
        var number: UInt64
        var offset: UInt64
        var fillers: [SectorPiece]
    }

    /// Picks the first sector waiting for deals that has room for a `padded` piece (after padding to its alignment),
    /// else opens a new one unless `maxOpen` (0: no limit) are open; marks it AddPiece. Synchronous on the actor, so
    /// two pieces never get the same place. `nil` when no sector can take the piece now.
    func assign(_ padded: PaddedPieceSize, sectorSize: UInt64, maxOpen: Int) throws -> Assignment? {
        for record in records.values.sorted(by: { $0.number < $1.number }) where record.state == .waitDeals {
            let pads = UnsealedCommitment.padding(from: record.filled, to: padded)
            let offset = record.filled + pads.reduce(0) { $0 + $1.rawValue }
            guard offset <= sectorSize, padded.rawValue <= sectorSize - offset else { continue }
            _ = try advance(record.number, .addPiece)
            let fillers = pads.map { SectorPiece(size: $0.rawValue, pieceCID: PieceCID.v1(ZeroCommitments.piece($0))) }
            return Assignment(number: record.number, offset: offset, fillers: fillers)
        }
        let open = records.values.filter { [.waitDeals, .addPiece, .addPieceFailed].contains($0.state) }.count
        guard maxOpen <= 0 || open < maxOpen else { return nil }
        let number = try store.nextSectorNumber()
        let created = try SectorStateMachine.apply(
            .startDeals, to: SectorRecord(number: number, sealProof: environment?.sectorSize.sealProof ?? 0), timestamp: Self.now())
        try store.save(created)
        records[number] = created
        _ = try advance(number, .addPiece)
        logger.info("opened a sector for deals", metadata: ["sector": "\(number)"])
        return Assignment(number: number, offset: 0, fillers: [])
    }

    /// Applies `event` to sector `number` and stores the result.
    @discardableResult
    func advance(_ number: UInt64, _ event: SectorEvent) throws -> SectorRecord {
        guard let record = records[number] else { throw RPCError(.methodError, "sector \(number) not found") }
        let next = try SectorStateMachine.apply(event, to: record, timestamp: Self.now())
        try store.save(next)
        records[number] = next
        return next
    }

    /// Starts sealing sector `number` once `[Sealing] WaitDealsDelay` has passed since it was opened, if it is still
    /// waiting for deals then.
    func scheduleSealing(_ number: UInt64) {
        guard waitTimers[number] == nil, let opened = records[number]?.log.first?.timestamp else { return }
        waitTimers[number] = Task {
            let delay = await config.current().sealing.waitDealsDelay.nanoseconds
            let elapsed = Int64(clamping: Self.now() &- opened) &* 1_000_000_000
            let remaining = max(0, delay &- elapsed)
            try? await Task.sleep(for: .nanoseconds(remaining))
            self.sealIfWaiting(number)
        }
    }

    private func sealIfWaiting(_ number: UInt64) {
        waitTimers[number] = nil
        guard records[number]?.state == .waitDeals, !Task.isCancelled else { return }
        do {
            try advance(number, .startPacking)
            logger.info("WaitDealsDelay passed: sealing the sector", metadata: ["sector": "\(number)"])
            start(number)
        } catch {
            logger.error("starting to seal after WaitDealsDelay failed", metadata: ["sector": "\(number)", "error": "\(error)"])
        }
    }

    /// The sector's unsealed file in `path`, created at the sector's size (sparse) if missing.
    static func unsealedFile(in path: String, sector: SectorID, size: UInt64) throws -> String {
        try FileManager.default.createDirectory(atPath: "\(path)/unsealed", withIntermediateDirectories: true)
        let file = "\(path)/unsealed/\(sector.fileName)"
        if !FileManager.default.fileExists(atPath: file) {
            guard FileManager.default.createFile(atPath: file + ".tmp", contents: nil) else {
                throw RPCError(.methodError, "cannot create \(file).tmp")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file + ".tmp"))
            try handle.truncate(atOffset: size)
            try handle.close()
            try FileManager.default.moveItem(atPath: file + ".tmp", toPath: file)
        }
        return file
    }
}
