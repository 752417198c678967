import APICore
import ChainTypes
import Foundation
import Logging
import FullNodeAPI
import MockProofs
import MinerConfig
import Multiformats
import PieceCommitment
import SealingAPI
import SectorStorageAPI

/// The work of each sealing state: what the pipeline does in it and the event that reports the outcome. Failures
/// become the state's failure event (with the reason), never an escaping error, so every outcome is recorded.
struct SectorWork: Sendable {
    let environment: SealingEnvironment
    /// How long the pipeline waits between looks at the chain (half a block).
    let pollInterval: Duration
    /// Where waits are reported.
    var logger: Logger?
    /// The batchers of pre-commits and commits (``SectorBatcher``), when the node batches.
    var batcher: SectorBatcher?
    var commitBatcher: SectorBatcher?
    /// How long a committed-capacity sector is committed for (`[Sealing] CommittedCapacitySectorLifetime`).
    var ccLifetime: GoDuration = .hours(12960)
    /// The `[Storage]` section as it is now: which tasks this node's own worker may run.
    var storageSettings: @Sendable () async -> StorageConfig = { StorageConfig() }

    /// Runs the work of `record.state`; `nil` for a state with nothing to do (proving, removed, given up).
    func step(_ record: SectorRecord) async -> SectorEvent? {
        do {
            try await waitUntilAllowed(record.state)
            switch record.state {
            case .packing: return try pack(record)
            case .getTicket: return try await ticket()
            case .preCommit1: return await attempt(SectorEvent.preCommit1Failed) { try await writeUnsealed(record) }
            case .preCommit2: return await attempt(SectorEvent.preCommit2Failed) { try await seal(record) }
            case .preCommitting: return await attempt(SectorEvent.preCommitFailed) { try await preCommit(record) }
            case .preCommitWait, .preCommitBatchWait: return await attempt(SectorEvent.preCommitFailed) { try await waitPreCommit(record) }
            case .submitPreCommitBatch: return await attempt(SectorEvent.preCommitFailed) { try await preCommitBatched(record) }
            case .waitSeed: return try await seed(record)
            case .committing: return await attempt(SectorEvent.computeProofFailed) { try await prove(record) }
            case .submitCommit: return await attempt(SectorEvent.commitFailed) { try await commit(record) }
            case .commitWait, .commitAggregateWait: return await attempt(SectorEvent.commitFailed) { try await waitCommit(record) }
            case .submitCommitAggregate: return await attempt(SectorEvent.commitFailed) { try await commitBatched(record) }
            case .finalizeSector: return await attempt(SectorEvent.finalizeFailed) { try await finalize(record) }
            case .removing: return await attempt(SectorEvent.removeFailed) { try await remove(record) }
            case .sealPreCommit1Failed, .sealPreCommit2Failed, .preCommitFailed, .computeProofFailed, .commitFailed, .finalizeFailed,
                .addPieceFailed, .removeFailed:
                try await Task.sleep(for: pollInterval * 4)
                return .retry
            default: return nil
            }
        } catch is CancellationError {
            return nil
        } catch {
            return .fatal("\(record.state): \(error)")
        }
    }

    /// Runs `work`; an error becomes `failure` with its text.
    func attempt(_ failure: (String) -> SectorEvent, _ work: () async throws -> SectorEvent) async -> SectorEvent {
        do {
            return try await work()
        } catch let error as RPCError {
            return failure(error.message)
        } catch {
            return failure("\(error)")
        }
    }

    var paddedSize: PaddedPieceSize {
        get throws { try PaddedPieceSize(validating: environment.sectorSize.bytes) }
    }

    /// Packing: a committed-capacity sector is one zero piece of the sector's size; deal sectors get zero padding
    /// pieces up to the sector's end.
    func pack(_ record: SectorRecord) throws -> SectorEvent {
        let size = try paddedSize
        var fillers: [SectorPiece] = []
        for padding in UnsealedCommitment.padding(from: record.filled, to: size) where record.filled < size.rawValue {
            fillers.append(SectorPiece(size: padding.rawValue, pieceCID: PieceCID.v1(ZeroCommitments.piece(padding))))
        }
        if record.pieces.isEmpty && fillers.isEmpty {
            fillers = [SectorPiece(size: size.rawValue, pieceCID: PieceCID.v1(ZeroCommitments.piece(size)))]
        }
        return .packed(fillers: fillers)
    }

    /// GetTicket: seal randomness at the epoch before the head.
    func ticket() async throws -> SectorEvent {
        let head = try await environment.chain.call(\.chainHead).height
        let epoch = max(0, head - 1)
        let ticket = try await environment.chain.call(
            \.stateGetRandomnessFromTickets, Int64(5), epoch, Base64Bytes(environment.miner.bytes), nil)
        return .ticket(ticket.bytes, epoch: epoch)
    }

    /// The local folder of the sealing path that holds (or will hold) the sector's files.
    /// - Parameter allocating: the file types a new path must have room for — all three to seal, only the unsealed
    ///   file for AddPiece (as Lotus's `AcquireSector(…, FTUnsealed, PathSealing)`: a piece does not reserve the
    ///   sealed replica and cache before the sector seals).
    func sealingPath(for sector: SectorID, allocating: SectorFileType = SectorFileType([.unsealed, .sealed, .cache])) async throws
        -> (id: String, path: String)
    {
        let local = try await environment.storage.call(\.storageLocal)
        for holder in try await environment.storage.call(\.storageFindSector, sector, SectorFileType([.unsealed, .sealed]), environment.sectorSize.bytes, false) {
            if let path = local[holder.id] { return (holder.id, path) }
        }
        for candidate in try await environment.storage.call(\.storageBestAlloc, allocating, environment.sectorSize.bytes, PathType.sealing) {
            if let path = local[candidate.id] { return (candidate.id, path) }
        }
        throw RPCError(
            .methodError,
            "no local path can seal a \(environment.sectorSize) sector: attach one with `lotus-miner storage attach --init --seal PATH`")
    }

    /// PreCommit1: the unsealed file, Fr32-padded pieces at their offsets (zeros for padding and CC pieces).
    func writeUnsealed(_ record: SectorRecord) async throws -> SectorEvent {
        let sector = environment.sector(record.number)
        let (id, path) = try await sealingPath(for: sector)
        let file = "\(path)/unsealed/\(sector.fileName)"
        try FileManager.default.createDirectory(atPath: "\(path)/unsealed", withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file) {
            // Deal pieces are written by AddPiece; what is missing here is padding, all zeros.
            guard FileManager.default.createFile(atPath: file + ".tmp", contents: nil) else {
                throw RPCError(.methodError, "cannot create \(file).tmp")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file + ".tmp"))
            try handle.truncate(atOffset: environment.sectorSize.bytes)
            try handle.synchronize()
            try handle.close()
            try FileManager.default.moveItem(atPath: file + ".tmp", toPath: file)
        }
        _ = try await environment.storage.call(\.storageDeclareSector, id, sector, SectorFileType.unsealed, false)
        return .preCommit1Done
    }

    /// PreCommit2: the replica (sealed file), its tree and root in the cache (what Window PoSt reads), CommD from the pieces, CommR of the replica.
    func seal(_ record: SectorRecord) async throws -> SectorEvent {
        guard let ticket = record.ticket else { throw RPCError(.methodError, "no ticket recorded") }
        let sector = environment.sector(record.number)
        let (id, path) = try await sealingPath(for: sector)
        let unsealed = Array(try Data(contentsOf: URL(fileURLWithPath: "\(path)/unsealed/\(sector.fileName)")))
        let replica = try MockReplica.seal(unsealed, key: MockReplica.Key(ticket: ticket, miner: environment.minerID, sector: record.number))
        let tree = try ReplicaTree(replica: replica)
        for folder in ["sealed", "cache/\(sector.fileName)"] {
            try FileManager.default.createDirectory(atPath: "\(path)/\(folder)", withIntermediateDirectories: true)
        }
        try Data(replica).write(to: URL(fileURLWithPath: "\(path)/sealed/\(sector.fileName)"), options: .atomic)
        try Data(tree.root.bytes).write(to: URL(fileURLWithPath: "\(path)/cache/\(sector.fileName)/comm-r"), options: .atomic)
        try SealedSectorFiles.writeTree(tree, cacheFolder: "\(path)/cache/\(sector.fileName)")
        _ = try await environment.storage.call(\.storageDeclareSector, id, sector, SectorFileType([.sealed, .cache]), false)
        let pieces = try record.pieces.map { try PieceInfo(size: try PaddedPieceSize(validating: $0.size), cid: $0.pieceCID) }
        let commD = try UnsealedCommitment.cid(pieces: pieces, sectorSize: try paddedSize)
        return .preCommit2Done(commD: commD, commR: try tree.commR())
    }

    /// A message of ours for `method` on sector `number` waiting in the mpool (pushed before a crash, not yet recorded).
    func pendingMessage(_ method: MinerMethod, sector number: UInt64, sectorOf: ([UInt8]) -> UInt64?) async throws -> CID? {
        for signed in try await environment.chain.call(\.mpoolPending, nil)
        where signed.message.to == environment.miner && signed.message.method == method.rawValue && sectorOf(signed.message.params) == number {
            return signed.cid
        }
        return nil
    }

    /// PreCommitting: PreCommitSector from the worker, with the deposit as the message's value — unless the chain
    /// already has the pre-commit or the mpool already holds the message (a crash after the push and before the
    /// record was stored), so the message is sent once.
    /// The pre-commit of sector `record` already on chain, or already in the mpool (pushed before a crash, alone or
    /// in a batch): the event that says so, so no second message is sent.
    func preCommitFound(_ record: SectorRecord) async throws -> SectorEvent? {
        if let landed = try await environment.chain.call(\.stateSectorPreCommitInfo, environment.miner, record.number, nil) {
            return .preCommitLanded(epoch: landed.preCommitEpoch)
        }
        let single = try await pendingMessage(.preCommitSector, sector: record.number) {
            try? SectorPreCommitInfo.decode($0, method: MinerMethod.preCommitSector.name).sectorNumber
        }
        if let single { return .preCommitSubmitted(single) }
        let batch = try await pendingMessage(.preCommitSectorBatch, sector: record.number) { params in
            let sectors = (try? PreCommitSectorBatchParams.decode(params, method: MinerMethod.preCommitSectorBatch.name))?.sectors ?? []
            return sectors.contains { $0.sectorNumber == record.number } ? record.number : nil
        }
        return batch.map { .preCommitSubmitted($0) }
    }

    /// What sector `record` pre-commits: its CommR and ticket, deals, and expiration (its last deal's end, or
    /// `CommittedCapacitySectorLifetime`, never shorter than the chain accepts).
    func preCommitInfo(_ record: SectorRecord) async throws -> SectorPreCommitInfo {
        guard let commR = record.commR, let ticketEpoch = record.ticketEpoch else { throw RPCError(.methodError, "no CommR or ticket recorded") }
        let network = environment.network
        let head = try await environment.chain.call(\.chainHead).height
        let shortest = network.minSectorExpiration + network.preCommitChallengeDelay + 2 * network.wPoStProvingPeriod
        let lifetime = max(ccLifetime.nanoseconds / (max(network.blockDelayMillis, 1) * 1_000_000), shortest)
        let dealEnd = record.pieces.compactMap(\.dealSchedule?.endEpoch).max()
        return SectorPreCommitInfo(
            sealProof: environment.sectorSize.sealProof, sectorNumber: record.number, sealedCID: commR, sealRandEpoch: ticketEpoch,
            dealIDs: record.dealIDs,
            expiration: dealEnd.map { max($0, head + shortest) } ?? head + min(lifetime, network.maxSectorExpirationExtension - 1),
            unsealedCID: record.commD)
    }

    /// SubmitPreCommitBatch: the sector joins the pre-commit batcher, which answers with the batch's message.
    func preCommitBatched(_ record: SectorRecord) async throws -> SectorEvent {
        if let found = try await preCommitFound(record) { return found }
        guard let batcher else { throw RPCError(.methodError, "no pre-commit batcher on this node") }
        return .preCommitSubmitted(try await batcher.submit(record.number, .preCommit(try await preCommitInfo(record))))
    }

    /// SubmitCommitAggregate: the sector joins the commit batcher, which answers with its aggregate's (or, below
    /// `MinCommitBatch`, its own) message.
    func commitBatched(_ record: SectorRecord) async throws -> SectorEvent {
        if try await environment.chain.call(\.stateSectorGetInfo, environment.miner, record.number, nil) != nil { return .proven }
        for method in [MinerMethod.proveCommitSector, .proveCommitAggregate] {
            let pending = try await pendingMessage(method, sector: record.number) { params in
                if method == .proveCommitSector {
                    return try? ProveCommitSectorParams.decode(params, method: method.name).sectorNumber
                }
                let numbers = (try? ProveCommitAggregateParams.decode(params, method: method.name))?.sectorNumbers
                return numbers?.contains(record.number) == true ? record.number : nil
            }
            if let pending { return .commitSubmitted(pending) }
        }
        guard let proof = record.proof else { throw RPCError(.methodError, "no proof recorded") }
        guard let commitBatcher else { throw RPCError(.methodError, "no commit batcher on this node") }
        return .commitSubmitted(try await commitBatcher.submit(record.number, .commit(proof: proof)))
    }

    func preCommit(_ record: SectorRecord) async throws -> SectorEvent {
        if let found = try await preCommitFound(record) { return found }
        let info = try await preCommitInfo(record)
        let network = environment.network
        let message = Message(
            to: environment.miner, from: environment.worker, value: network.preCommitDepositPerSector,
            method: MinerMethod.preCommitSector.rawValue, params: info.encoded)
        let signed = try await environment.chain.call(\.mpoolPushMessage, message, nil)
        return .preCommitSubmitted(signed.cid)
    }

    /// Waits for a message; its lookup, or the chain's reason for failing it.
    func wait(_ message: CID, what: String) async throws -> MsgLookup {
        let lookup = try await environment.chain.call(\.stateWaitMsg, message, UInt64(0), ChainEpoch(-1), true)
        guard lookup.receipt.exitCode.isSuccess else {
            throw RPCError(
                .methodError, "\(what) message \(message) failed with exit code \(lookup.receipt.exitCode)" + (lookup.receipt.error.map { ": \($0)" } ?? ""))
        }
        return lookup
    }

    /// PreCommitWait.
    func waitPreCommit(_ record: SectorRecord) async throws -> SectorEvent {
        guard let message = record.preCommitMessage else { throw RPCError(.methodError, "no pre-commit message recorded") }
        return .preCommitLanded(epoch: try await wait(message, what: "PreCommitSector").height)
    }

    /// WaitSeed: once the chain is past the pre-commit epoch plus the challenge delay, the interactive seed.
    func seed(_ record: SectorRecord) async throws -> SectorEvent {
        guard let preCommitEpoch = record.preCommitEpoch else { return .fatal("no pre-commit epoch recorded") }
        let seedEpoch = preCommitEpoch + environment.network.preCommitChallengeDelay
        while try await environment.heads.height() <= seedEpoch {
            try await Task.sleep(for: pollInterval)
        }
        let seed = try await environment.chain.call(
            \.stateGetRandomnessFromBeacon, Int64(6), seedEpoch, Base64Bytes(environment.miner.bytes), nil)
        return .seed(seed.bytes, epoch: seedEpoch)
    }

    /// Committing: the seal proof, from the sealed file.
    func prove(_ record: SectorRecord) async throws -> SectorEvent {
        guard let seed = record.seed else { throw RPCError(.methodError, "no seed recorded") }
        let sector = environment.sector(record.number)
        let (_, path) = try await sealingPath(for: sector)
        let replica = Array(try Data(contentsOf: URL(fileURLWithPath: "\(path)/sealed/\(sector.fileName)")))
        return .proofReady(MockSealProof.prove(tree: try ReplicaTree(replica: replica), seed: seed, sector: record.number))
    }

    /// SubmitCommit: ProveCommitSector from the worker, with the initial pledge as the message's value — unless the
    /// sector is already active or the message already waits in the mpool, so the message is sent once.
    func commit(_ record: SectorRecord) async throws -> SectorEvent {
        if try await environment.chain.call(\.stateSectorGetInfo, environment.miner, record.number, nil) != nil {
            return .proven
        }
        let pending = try await pendingMessage(.proveCommitSector, sector: record.number) {
            try? ProveCommitSectorParams.decode($0, method: MinerMethod.proveCommitSector.name).sectorNumber
        }
        if let pending { return .commitSubmitted(pending) }
        guard let proof = record.proof else { throw RPCError(.methodError, "no proof recorded") }
        let message = Message(
            to: environment.miner, from: environment.worker, value: environment.network.initialPledgePerSector,
            method: MinerMethod.proveCommitSector.rawValue,
            params: ProveCommitSectorParams(sectorNumber: record.number, proof: proof).encoded)
        let signed = try await environment.chain.call(\.mpoolPushMessage, message, nil)
        return .commitSubmitted(signed.cid)
    }

    /// CommitWait.
    func waitCommit(_ record: SectorRecord) async throws -> SectorEvent {
        guard let message = record.commitMessage else { throw RPCError(.methodError, "no commit message recorded") }
        _ = try await wait(message, what: "ProveCommitSector")
        return .proven
    }

    /// FinalizeSector: a CC sector's unsealed copy is dropped (nothing to retrieve from it); when the sealing path is not
    /// a store path, the sealed file and cache (and a deal sector's unsealed copy) move to the best local store path
    /// (Lotus's move to long-term storage), and the index follows.
    func finalize(_ record: SectorRecord) async throws -> SectorEvent {
        let sector = environment.sector(record.number)
        let (id, path) = try await sealingPath(for: sector)
        if !record.hasDeals {
            let file = "\(path)/unsealed/\(sector.fileName)"
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
            _ = try await environment.storage.call(\.storageDropSector, id, sector, SectorFileType.unsealed)
        }
        guard try await !environment.storage.call(\.storageInfo, id).canStore else { return .finalized }
        let types: [SectorFileType] = record.hasDeals ? [.sealed, .cache, .unsealed] : [.sealed, .cache]
        let local = try await environment.storage.call(\.storageLocal)
        let candidates = try await environment.storage.call(
            \.storageBestAlloc, SectorFileType(types), environment.sectorSize.bytes, PathType.storage)
        guard let (storeID, storePath) = candidates.lazy.compactMap({ c in local[c.id].map { (c.id, $0) } }).first(where: { $0.0 != id }) else {
            // No store path here: the files stay on the sealing path, which still serves them.
            return .finalized
        }
        for type in types {
            let folder = type == .sealed ? "sealed" : type == .cache ? "cache" : "unsealed"
            let from = "\(path)/\(folder)/\(sector.fileName)", to = "\(storePath)/\(folder)/\(sector.fileName)"
            guard FileManager.default.fileExists(atPath: from) else { continue }
            try FileManager.default.createDirectory(atPath: "\(storePath)/\(folder)", withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: to) { try FileManager.default.removeItem(atPath: to) }
            try FileManager.default.moveItem(atPath: from, toPath: to)
            _ = try await environment.storage.call(\.storageDeclareSector, storeID, sector, type, true)
            _ = try await environment.storage.call(\.storageDropSector, id, sector, type)
        }
        return .finalized
    }

    /// Removing (`sectors remove`): the sector's files go from every local path and the index forgets them. The chain
    /// still holds the sector: it turns faulty at its next deadline, as in Lotus.
    func remove(_ record: SectorRecord) async throws -> SectorEvent {
        let sector = environment.sector(record.number)
        let local = try await environment.storage.call(\.storageLocal)
        for type in [SectorFileType.unsealed, .sealed, .cache] {
            for holder in try await environment.storage.call(\.storageFindSector, sector, type, environment.sectorSize.bytes, false) {
                guard let path = local[holder.id] else { continue }
                let folder = type == .unsealed ? "unsealed" : type == .sealed ? "sealed" : "cache"
                let file = "\(path)/\(folder)/\(sector.fileName)"
                if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
                _ = try await environment.storage.call(\.storageDropSector, holder.id, sector, type)
            }
        }
        return .removed
    }

    /// Waits while `[Storage]` forbids this node's worker the task of `state` (`AllowPreCommit1`, `AllowPreCommit2`,
    /// `AllowCommit`): with no other worker, the sector waits in its state until the setting allows it, as in Lotus.
    func waitUntilAllowed(_ state: SectorState) async throws {
        var said = false
        while let flag = Self.forbiddingFlag(state, in: await storageSettings()) {
            if !said {
                logger?.warning("a sealing task waits: this node may not run it", metadata: ["state": "\(state)", "setting": "[Storage] \(flag) = false"])
                said = true
            }
            try await Task.sleep(for: pollInterval * 10)
        }
    }

    /// The `[Storage]` flag that forbids the task of `state`, if one does.
    static func forbiddingFlag(_ state: SectorState, in settings: StorageConfig) -> String? {
        switch state {
        case .getTicket, .preCommit1: settings.allowPreCommit1 ? nil : "AllowPreCommit1"
        case .preCommit2: settings.allowPreCommit2 ? nil : "AllowPreCommit2"
        case .committing: settings.allowCommit ? nil : "AllowCommit"
        default: nil
        }
    }
}
