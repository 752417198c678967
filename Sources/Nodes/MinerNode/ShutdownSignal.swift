import ServiceLifecycle
import Synchronization

/// A service that returns when ``trigger()`` is called; the node's `ServiceGroup` runs it with
/// `successTerminationBehavior: .gracefullyShutdownGroup`, so `Shutdown` / `lotus-miner stop` / SIGTERM
/// all drain the node the same way.
public final class ShutdownSignal: Service, Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init() {}

    /// Starts the node's graceful shutdown. Safe to call more than once, from anywhere.
    public func trigger() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.fired = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withCheckedContinuation { continuation in
                let fired = state.withLock { state -> Bool in
                    if state.fired { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if fired { continuation.resume() }
            }
        } onGracefulShutdown: {
            self.trigger()
        }
    }
}
