import APICore
import ChainTypes
import FullNodeAPI
import Logging
import MinerConfig

/// What the Mining subsystem's chain followers (``WindowPoStScheduler``, ``BlockProducer``) work with, and the loop
/// they follow the chain in.
struct MinerContext: Sendable {
    /// The chain daemon.
    let chain: SubsystemRef<FullNodeMethods>
    /// The sectors this node can prove.
    let sectors: ProvableSectors
    /// The miner actor.
    let miner: Address
    /// The `[Proving]` section as it is now.
    let settings: @Sendable () async -> ProvingConfig
    /// How often to look at the chain head.
    let pollInterval: Duration
    let logger: Logger

    /// Calls `tick` every ``pollInterval`` until the task is cancelled; a failure (a daemon that is down or
    /// restarting) is logged once until a tick succeeds again, and the loop goes on.
    func follow(_ what: String, isolation: isolated (any Actor)? = #isolation, tick: () async throws -> Void) async {
        var lastError = ""
        while !Task.isCancelled {
            do {
                try await tick()
                lastError = ""
            } catch {
                if "\(error)" != lastError { logger.warning("\(what) cannot follow the chain", metadata: ["error": "\(error)"]) }
                lastError = "\(error)"
            }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
