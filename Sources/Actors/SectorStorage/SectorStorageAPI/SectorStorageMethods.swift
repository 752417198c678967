import ChainTypes
import APICore

/// Methods owned by the SectorStorage subsystem (all admin, as Lotus v1.17.2). Sector sizes travel as byte counts.
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
    public let storageStat = RPCMethod<any SectorStorageAPI, Args1<String>, FsStat>("StorageStat", .admin, .sectorStorage) {
        api, args in try await api.stat(args.a)
    }
    public let storageList = RPCMethod<any SectorStorageAPI, Args0, [String: [SectorDecl]]>("StorageList", .admin, .sectorStorage) {
        api, _ in try await api.list()
    }
    public let storageInfo = RPCMethod<any SectorStorageAPI, Args1<String>, StorageInfo>("StorageInfo", .admin, .sectorStorage) {
        api, args in try await api.info(args.a)
    }
    public let storageAttach = RPCMethod<any SectorStorageAPI, Args2<StorageInfo, FsStat>, Empty?>("StorageAttach", .admin, .sectorStorage) {
        api, args in
        try await api.attach(args.a, stat: args.b)
        return nil
    }
    public let storageReportHealth = RPCMethod<any SectorStorageAPI, Args2<String, HealthReport>, Empty?>(
        "StorageReportHealth", .admin, .sectorStorage
    ) { api, args in
        try await api.reportHealth(args.a, args.b)
        return nil
    }
    public let storageDeclareSector = RPCMethod<any SectorStorageAPI, Args4<String, SectorID, SectorFileType, Bool>, Empty?>(
        "StorageDeclareSector", .admin, .sectorStorage
    ) { api, args in
        try await api.declareSector(args.a, sector: args.b, types: args.c, primary: args.d)
        return nil
    }
    public let storageDropSector = RPCMethod<any SectorStorageAPI, Args3<String, SectorID, SectorFileType>, Empty?>(
        "StorageDropSector", .admin, .sectorStorage
    ) { api, args in
        try await api.dropSector(args.a, sector: args.b, types: args.c)
        return nil
    }
    public let storageFindSector = RPCMethod<any SectorStorageAPI, Args4<SectorID, SectorFileType, UInt64, Bool>, [SectorStorageInfo]>(
        "StorageFindSector", .admin, .sectorStorage
    ) { api, args in try await api.findSector(args.a, types: args.b, sectorSize: args.c, allowFetch: args.d) }
    public let storageBestAlloc = RPCMethod<any SectorStorageAPI, Args3<SectorFileType, UInt64, PathType>, [StorageInfo]>(
        "StorageBestAlloc", .admin, .sectorStorage
    ) { api, args in try await api.bestAlloc(args.a, sectorSize: args.b, pathType: args.c) }
    public let storageLock = RPCMethod<any SectorStorageAPI, Args3<SectorID, SectorFileType, SectorFileType>, Empty?>(
        "StorageLock", .admin, .sectorStorage, longRunning: true
    ) { api, args in
        await api.storageLock(args.a, read: args.b, write: args.c)
        return nil
    }
    public let storageTryLock = RPCMethod<any SectorStorageAPI, Args3<SectorID, SectorFileType, SectorFileType>, Bool>(
        "StorageTryLock", .admin, .sectorStorage
    ) { api, args in await api.storageTryLock(args.a, read: args.b, write: args.c) }
}
