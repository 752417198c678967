import APICore
import ChainTypes
import Multiformats

/// Methods owned by the Sealing subsystem (permissions as Lotus v1.17.2). Durations travel as int64 nanoseconds, as
/// Go encodes them.
public struct SealingMethods: MethodSet {
    public typealias API = any SealingAPI
    public init() {}

    public let sectorGetSealDelay = RPCMethod<any SealingAPI, Args0, Int64>("SectorGetSealDelay", .read, .sealing) { api, _ in
        try await api.sealDelay()
    }
    public let sectorSetSealDelay = RPCMethod<any SealingAPI, Args1<Int64>, Empty?>("SectorSetSealDelay", .write, .sealing) {
        api, args in
        try await api.setSealDelay(args.a)
        return nil
    }
    public let pledgeSector = RPCMethod<any SealingAPI, Args0, SectorID>("PledgeSector", .write, .sealing) { api, _ in
        try await api.pledgeSector()
    }
    public let sectorsList = RPCMethod<any SealingAPI, Args0, [UInt64]>("SectorsList", .read, .sealing) { api, _ in
        try await api.sectorsList()
    }
    public let sectorsListInStates = RPCMethod<any SealingAPI, Args1<[SectorState]>, [UInt64]>("SectorsListInStates", .read, .sealing) {
        api, args in try await api.sectorsList(inStates: args.a)
    }
    public let sectorsStatus = RPCMethod<any SealingAPI, Args2<UInt64, Bool>, SectorStatus>("SectorsStatus", .read, .sealing) {
        api, args in try await api.sectorStatus(args.a)
    }
    public let sectorsSummary = RPCMethod<any SealingAPI, Args0, [String: Int]>("SectorsSummary", .read, .sealing) { api, _ in
        try await api.sectorsSummary()
    }
    public let sectorRemove = RPCMethod<any SealingAPI, Args1<UInt64>, Empty?>("SectorRemove", .admin, .sealing) { api, args in
        try await api.sectorRemove(args.a)
        return nil
    }
    public let sectorAddPieceToAny = RPCMethod<any SealingAPI, Args3<UInt64, ByteStream, PieceDealInfo>, SectorOffset>(
        "SectorAddPieceToAny", .admin, .sealing, longRunning: true
    ) { api, args in try await api.sectorAddPieceToAny(args.a, args.b, args.c) }
    public let sectorStartSealing = RPCMethod<any SealingAPI, Args1<UInt64>, Empty?>("SectorStartSealing", .write, .sealing) { api, args in
        try await api.sectorStartSealing(args.a)
        return nil
    }
    public let sectorsUnsealPiece = RPCMethod<any SealingAPI, Args5<SectorRef, UInt64, UInt64, Base64Bytes, CID?>, Empty?>(
        "SectorsUnsealPiece", .admin, .sealing, longRunning: true
    ) { api, args in
        try await api.sectorsUnsealPiece(args.a, args.b, args.c, args.d, args.e)
        return nil
    }
    public let workerJobs = RPCMethod<any SealingAPI, Args0, [String: [WorkerJob]]>("WorkerJobs", .admin, .sealing) { api, _ in
        try await api.workerJobs()
    }
    public let sectorPreCommitPending = RPCMethod<any SealingAPI, Args0, [SectorID]>("SectorPreCommitPending", .admin, .sealing) {
        api, _ in try await api.sectorsPendingBatch("precommit")
    }
    public let sectorPreCommitFlush = RPCMethod<any SealingAPI, Args0, [BatchResult]>("SectorPreCommitFlush", .admin, .sealing, longRunning: true) {
        api, _ in try await api.sectorsFlushBatch("precommit")
    }
    public let sectorCommitPending = RPCMethod<any SealingAPI, Args0, [SectorID]>("SectorCommitPending", .admin, .sealing) { api, _ in
        try await api.sectorsPendingBatch("commit")
    }
    public let sectorCommitFlush = RPCMethod<any SealingAPI, Args0, [BatchResult]>("SectorCommitFlush", .admin, .sealing, longRunning: true) { api, _ in
        try await api.sectorsFlushBatch("commit")
    }
}
