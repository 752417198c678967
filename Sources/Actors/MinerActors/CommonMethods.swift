import APICore

/// The Common API (Lotus `api.Common`), served by every node.
public struct CommonMethods: MethodSet {
    public init() {}

    public let version = RPCMethod<CommonActor, Args0, APIVersionInfo>("Version", .read, .common) { api, _ in
        api.version()
    }
    public let authVerify = RPCMethod<CommonActor, Args1<String>, [Permission]>("AuthVerify", .read, .common) {
        api, args in try await api.authVerify(args.a)
    }
    public let authNew = RPCMethod<CommonActor, Args1<[Permission]>, Base64Bytes>("AuthNew", .admin, .common) {
        api, args in try await api.authNew(args.a)
    }
    public let logList = RPCMethod<CommonActor, Args0, [String]>("LogList", .write, .common) { api, _ in
        await api.logList()
    }
    public let logSetLevel = RPCMethod<CommonActor, Args2<String, String>, Empty?>("LogSetLevel", .write, .common) {
        api, args in
        try await api.logSetLevel(args.a, args.b)
        return nil
    }
    public let shutdown = RPCMethod<CommonActor, Args0, Empty?>("Shutdown", .admin, .common) { api, _ in
        await api.shutdown()
        return nil
    }
    public let session = RPCMethod<CommonActor, Args0, String>("Session", .read, .common) { api, _ in
        await api.sessionID()
    }
    public let closing = RPCChannelMethod<CommonActor, Args0, Empty>("Closing", .read, .common) { api, _ in
        await api.closingStream()
    }
    public let runtimeSubsystems = RPCMethod<CommonActor, Args0, [Subsystem]>("RuntimeSubsystems", .read, .common) {
        api, _ in await api.runtimeSubsystems()
    }
}
