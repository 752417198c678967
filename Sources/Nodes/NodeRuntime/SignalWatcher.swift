import Logging
import MinerNode
import ServiceLifecycle
import UnixSignals

/// SIGTERM and SIGINT for a node process: the first starts the graceful shutdown (as `Shutdown` does), the second
/// calls `onSecond`, which exits at once. It is the first service of the group, so the last one stopped.
///
/// The shell handles signals itself rather than through `ServiceGroup`'s graceful-shutdown signals, because a
/// `ServiceGroup` may not take the same signal for both graceful shutdown and cancellation.
struct SignalWatcher: Service {
    let shutdown: ShutdownSignal
    let logger: Logger
    let onSecond: @Sendable (Int32) -> Void

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        var first = true
        // Listens through the drain (this service is the last the group stops) and ends when the group stops it.
        for await signal in signals.cancelOnGracefulShutdown() {
            if first {
                first = false
                logger.info("received \(signal): shutting down gracefully; send it again to exit at once")
                shutdown.trigger()
            } else {
                logger.warning("received \(signal) again: exiting without draining")
                onSecond(signal.rawValue)
            }
        }
    }
}
