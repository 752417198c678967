import Synchronization

/// A number of bytes shared by many requests, each reserving its part before it buffers a body: what callers without
/// a token may hold in the server's memory at once (`ConnectionLimits.unauthenticatedBufferBytes`).
final class ByteBudget: Sendable {
    let capacity: Int
    private let used = Mutex(0)

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    /// Takes `count` bytes of the budget; `false` (nothing taken) when fewer are left.
    func reserve(_ count: Int) -> Bool {
        used.withLock { used in
            guard count >= 0, count <= capacity - used else { return false }
            used += count
            return true
        }
    }

    /// Gives back `count` bytes taken by ``reserve(_:)``.
    func release(_ count: Int) {
        used.withLock { $0 = max(0, $0 - max(count, 0)) }
    }

    /// Bytes reserved now.
    var inUse: Int { used.withLock { $0 } }
}
