import APICore
import FullNodeAPI
import MinerConfig
import SealingAPI
import ServiceLifecycle
import SubsystemSupport

/// The Sealing subsystem: the sealing pipeline's settings now; the sector state machine (in this folder) later.
public actor SealingActor: SealingAPI, Service {
    private let config: any ConfigStore
    /// The chain daemon: pre-commit and prove-commit messages, their randomness and their waits.
    private let chain: SubsystemRef<FullNodeMethods>?

    /// - Parameter chain: the chain daemon's API; `nil` on a node started without `FULLNODE_API_INFO`.
    public init(config: any ConfigStore, chain: SubsystemRef<FullNodeMethods>?) {
        self.config = config
        self.chain = chain
    }

    /// How long a sector waits for more deals before sealing starts (`[Sealing] WaitDealsDelay`), in ns.
    public func sealDelay() async -> Int64 {
        await config.current().sealing.waitDealsDelay.nanoseconds
    }

    /// Sets `[Sealing] WaitDealsDelay` and persists it to config.toml.
    public func setSealDelay(_ nanoseconds: Int64) async throws {
        let delay = try GoDuration.nonNegative(nanoseconds, "seal delay")
        try await config.update { $0.sealing.waitDealsDelay = delay }
    }

    public func run() async throws {
        try? await gracefulShutdown()
    }
}
