import APICore

/// Methods owned by the SectorStorage subsystem (all admin, as Lotus v1.17.2).
public struct SectorStorageMethods: MethodSet {
    public typealias API = any SectorStorageAPI
    public init() {}

    public let storageAddLocal = RPCMethod<any SectorStorageAPI, Args1<String>, Empty?>("StorageAddLocal", .admin, .sectorStorage) {
        api, args in
        try await api.addLocal(args.a)
        return nil
    }
    public let storageLocal = RPCMethod<any SectorStorageAPI, Args0, [String: String]>("StorageLocal", .admin, .sectorStorage) {
        api, _ in try await api.local()
    }
    public let storageList = RPCMethod<any SectorStorageAPI, Args0, [String: [SectorDecl]]>("StorageList", .admin, .sectorStorage) {
        api, _ in try await api.list()
    }
    public let storageInfo = RPCMethod<any SectorStorageAPI, Args1<String>, StorageInfo>("StorageInfo", .admin, .sectorStorage) {
        api, args in try await api.info(args.a)
    }
    public let storageStat = RPCMethod<any SectorStorageAPI, Args1<String>, FsStat>("StorageStat", .admin, .sectorStorage) {
        api, args in try await api.stat(args.a)
    }
}
