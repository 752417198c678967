import APICore
import MinerConfig
import ServiceLifecycle

/// The Sealing subsystem: the sealing pipeline's settings now, the sector state machine later.
public actor SealingActor: SubsystemAPI, Service {
    public typealias Methods = SealingMethods
    public static var subsystem: Subsystem { .sealing }

    private let config: any ConfigStore

    public init(config: any ConfigStore) {
        self.config = config
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
