import APICore

/// The Common API (Lotus `api.Common`), served by every node.
public struct CommonMethods: MethodSet {
    public typealias API = any CommonAPI
    public init() {}

    public let version = RPCMethod<any CommonAPI, Args0, APIVersionInfo>("Version", .read, .common) { api, _ in
        api.version()
    }
    public let authVerify = RPCMethod<any CommonAPI, Args1<String>, [Permission]>("AuthVerify", .read, .common) {
        api, args in try await api.authVerify(args.a)
    }
    public let authNew = RPCMethod<any CommonAPI, Args1<[Permission]>, Base64Bytes>("AuthNew", .admin, .common) {
        api, args in try await api.authNew(args.a)
    }
    public let logList = RPCMethod<any CommonAPI, Args0, [String]>("LogList", .write, .common) { api, _ in
        await api.logList()
    }
    public let logSetLevel = RPCMethod<any CommonAPI, Args2<String, String>, Empty?>("LogSetLevel", .write, .common) {
        api, args in
        try await api.logSetLevel(args.a, args.b)
        return nil
    }
    public let shutdown = RPCMethod<any CommonAPI, Args0, Empty?>("Shutdown", .admin, .common) { api, _ in
        await api.shutdown()
        return nil
    }
    public let session = RPCMethod<any CommonAPI, Args0, String>("Session", .read, .common) { api, _ in
        await api.sessionID()
    }
    public let closing = RPCChannelMethod<any CommonAPI, Args0, Empty>("Closing", .read, .common) { api, _ in
        await api.closingStream()
    }
    public let runtimeSubsystems = RPCMethod<any CommonAPI, Args0, [Subsystem]>("RuntimeSubsystems", .read, .common) {
        api, _ in await api.runtimeSubsystems()
    }
    public let createBackup = RPCMethod<any CommonAPI, Args1<String>, Empty?>("CreateBackup", .admin, .common) {
        api, args in
        try await api.createBackup(args.a)
        return nil
    }
}
