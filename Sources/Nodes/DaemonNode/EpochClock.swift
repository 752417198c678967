import Logging
import ServiceLifecycle

/// The devnet's clock: a Service that produces one epoch per block time by calling `produce` with the next
/// height, on the drift-free ``EpochSchedule``. It stops between epochs on graceful shutdown (an epoch being
/// produced is always finished, so its commit is never cut short).
public final class EpochClock: Service, Sendable {
    /// Produces epoch `height` and returns the height of the new head.
    public typealias Produce = @Sendable (_ height: Int64) async throws -> Int64

    private let blockTime: Duration
    private let head: Int64
    private let produce: Produce
    private let logger: Logger

    /// - Parameters:
    ///   - blockTime: time between epochs.
    ///   - head: the current head's height; the first epoch produced is `head + 1`, one block time after start.
    ///   - produce: makes the epoch (the full node actor's `tick`).
    public init(blockTime: Duration, head: Int64, logger: Logger, produce: @escaping Produce) {
        self.blockTime = blockTime
        self.head = head
        self.produce = produce
        self.logger = logger
    }

    /// Ticks until graceful shutdown or cancellation.
    /// - Throws: the error of `produce`, which stops the node (a chain that cannot commit must not keep serving).
    public func run() async throws {
        let clock = ContinuousClock()
        var schedule = EpochSchedule(blockTime: blockTime, anchorEpoch: head, at: clock.now)
        var head = self.head
        logger.info("epoch clock started", metadata: ["head": "\(head)", "blockTime": "\(blockTime)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let next = head + 1
            let deadline = schedule.deadline(of: next)
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(until: deadline, clock: clock)
                }
            } catch is CancellationError {
                break
            }
            if schedule.settle(epoch: next, producedAt: clock.now) {
                logger.warning("epoch clock was late by more than \(schedule.maxLag) block times; continuing from now", metadata: ["epoch": "\(next)"])
            }
            head = try await produce(next)
        }
        logger.info("epoch clock stopped", metadata: ["head": "\(head)"])
    }
}
