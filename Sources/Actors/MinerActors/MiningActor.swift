import APICore
import MinerConfig
import ServiceLifecycle

/// The Mining subsystem: the miner actor's identity and message-sending addresses. Block production
/// and Window PoSt arrive with the chain and proving issues.
public actor MiningActor: SubsystemAPI, Service {
    public typealias Methods = MiningMethods
    public static var subsystem: Subsystem { .mining }

    /// Lotus's metadata key holding the miner actor address.
    public static let minerAddressKey = "/miner-address"

    private let config: any ConfigStore
    private let metadata: any MetadataStore

    public init(config: any ConfigStore, metadata: any MetadataStore) {
        self.config = config
        self.metadata = metadata
    }

    /// The miner actor address recorded by `lotus-miner init`.
    public func actorAddress() throws -> String {
        guard let bytes = try metadata.get(Self.minerAddressKey), !bytes.isEmpty else {
            throw RPCError(
                .methodError,
                "this repo has no miner actor address yet (metadata key \(Self.minerAddressKey)); create one with `lotus-miner init`")
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
