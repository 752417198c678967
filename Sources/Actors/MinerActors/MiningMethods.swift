import APICore
import MinerConfig

/// Methods owned by the Mining subsystem.
public struct MiningMethods: MethodSet {
    public init() {}

    public let actorAddress = RPCMethod<MiningActor, Args0, String>("ActorAddress", .read, .mining) { api, _ in
        try await api.actorAddress()
    }
    public let actorAddressConfig = RPCMethod<MiningActor, Args0, AddressesConfig>("ActorAddressConfig", .read, .mining) {
        api, _ in await api.addressConfig()
    }
}
