import APICore

/// Methods owned by the Sealing subsystem. Durations travel as int64 nanoseconds, as Go encodes them.
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
}
