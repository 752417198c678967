import APICore
import ChainTypes
import FullNodeAPI
import MinerConfig
import MiningAPI
import ServiceLifecycle
import SubsystemSupport

/// The Mining subsystem: the miner actor's identity, its message-sending addresses and what the chain says of it.
/// Block production and Window PoSt (the PoSt scheduler, in this folder) arrive with the proving issue.
public actor MiningActor: MiningAPI, Service {
    private let config: any ConfigStore
    private let metadata: any MetadataStore
    private let chain: SubsystemRef<FullNodeMethods>?

    /// - Parameter chain: the chain daemon's API (`FULLNODE_API_INFO` in `lotus-miner run`); `nil` on a node started
    ///   without one, whose chain-backed methods then say how to give it one.
    public init(config: any ConfigStore, metadata: any MetadataStore, chain: SubsystemRef<FullNodeMethods>?) {
        self.config = config
        self.metadata = metadata
        self.chain = chain
    }

    /// The sector size of `miner`, from its on-chain info (Lotus reads `StateMinerInfo` the same way).
    public func actorSectorSize(_ miner: Address) async throws -> UInt64 {
        try await ChainDependency.require(chain, for: "ActorSectorSize").call(\.stateMinerInfo, miner, nil).sectorSize.bytes
    }

    /// The miner actor address recorded by `lotus-miner init`.
    public func actorAddress() throws -> String {
        guard let bytes = try metadata.get(MetadataKey.minerAddress), !bytes.isEmpty else {
            throw RPCError(
                .methodError,
                "this repo has no miner actor address yet (metadata key \(MetadataKey.minerAddress)); create one with `lotus-miner init`")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `[Addresses]` section: which addresses send which messages.
    public func addressConfig() async -> AddressesConfig {
        await config.current().addresses
    }

    public func run() async throws {
        try? await gracefulShutdown()
    }
}
