import APICore
import ChainTypes
import MinerConfig

/// Methods owned by the Mining subsystem.
public struct MiningMethods: MethodSet {
    public typealias API = any MiningAPI
    public init() {}

    public let actorAddress = RPCMethod<any MiningAPI, Args0, String>("ActorAddress", .read, .mining) { api, _ in
        try await api.actorAddress()
    }
    public let actorAddressConfig = RPCMethod<any MiningAPI, Args0, AddressesConfig>("ActorAddressConfig", .read, .mining) {
        api, _ in await api.addressConfig()
    }
    public let actorSectorSize = RPCMethod<any MiningAPI, Args1<Address>, UInt64>("ActorSectorSize", .read, .mining) {
        api, args in try await api.actorSectorSize(args.a)
    }
    public let checkProvable = RPCMethod<any MiningAPI, Args3<Int64, [SectorRef], Bool>, [String: String]>(
        "CheckProvable", .admin, .mining, longRunning: true
    ) { api, args in try await api.checkProvable(args.a, args.b, args.c) }
    public let miningStatus = RPCMethod<any MiningAPI, Args0, MiningStatus>("MiningStatus", .read, .mining) { api, _ in
        await api.miningStatus()
    }
}
