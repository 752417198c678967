import NIOCore
import Synchronization

/// A future that is still pending where the test expected it settled.
struct StillPending: Error, CustomStringConvertible {
    var description: String { "the future has not completed; the handler is still waiting for input" }
}

extension EventLoopFuture where Value: Sendable {
    /// The outcome of a future on an EmbeddedEventLoop, where everything happens synchronously:
    /// returns the value or throws its error, and throws ``StillPending`` instead of blocking forever
    /// (as `wait()` would) when nothing completed it.
    func settled() throws -> Value {
        let outcome = Mutex<Result<Value, any Error>?>(nil)
        whenComplete { result in outcome.withLock { $0 = result } }
        guard let result = outcome.withLock({ $0 }) else { throw StillPending() }
        return try result.get()
    }
}
