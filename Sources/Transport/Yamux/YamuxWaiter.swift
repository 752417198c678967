import NIOCore
import Synchronization

/// One suspended API call (read, write, open, ping) on its way to the event loop. It settles the
/// race between the call being registered on the loop and the calling task being cancelled: the
/// first to move the state out of `new` wins, so a cancellation that arrives before the
/// registration is not lost and one that arrives after it hops to the loop to withdraw the call.
final class YamuxWaiter: Sendable {
    private static let new: UInt8 = 0
    private static let registered: UInt8 = 1
    private static let cancelledEarly: UInt8 = 2

    private let state = Atomic<UInt8>(YamuxWaiter.new)

    /// Called on the loop before the call is queued; `false` means the task was cancelled first
    /// and the call must finish with `CancellationError`.
    func register() -> Bool {
        state.compareExchange(expected: Self.new, desired: Self.registered, ordering: .acquiringAndReleasing).exchanged
    }

    /// Called from the cancellation handler; `true` means the call is registered on the loop and
    /// must be withdrawn there.
    func cancel() -> Bool {
        let (exchanged, original) = state.compareExchange(
            expected: Self.new, desired: Self.cancelledEarly, ordering: .acquiringAndReleasing)
        return !exchanged && original == Self.registered
    }

    /// Suspends until `start` (run on `eventLoop`) or `withdraw` (run there after a cancellation)
    /// resumes the continuation.
    static func suspend<Result: Sendable>(
        on eventLoop: any EventLoop,
        _ start: @escaping @Sendable (YamuxWaiter, CheckedContinuation<Result, any Error>) -> Void,
        withdraw: @escaping @Sendable (YamuxWaiter) -> Void
    ) async throws -> Result {
        let waiter = YamuxWaiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                eventLoop.execute { start(waiter, continuation) }
            }
        } onCancel: {
            if waiter.cancel() {
                eventLoop.execute { withdraw(waiter) }
            }
        }
    }
}
