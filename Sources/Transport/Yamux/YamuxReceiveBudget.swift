import Synchronization

/// A cap on bytes received and not yet read by the application, shared by everything that
/// charges it: one per session (``YamuxConfiguration/maxBufferedReceiveBytes``), optionally under a
/// parent shared by every session of a host, so many connections together stay bounded too.
///
/// Flow control alone bounds a stream at its window, but a peer may open many streams and fill
/// each one's 256 KiB initial window at once: 1000 streams are 250 MiB. With a budget, the data
/// that would go over it resets the stream it arrived on instead of being queued (go-yamux does
/// the same through the libp2p resource manager). Bytes handed straight to a waiting reader are
/// never charged, so streams whose application keeps reading are not affected.
///
/// Thread-safe: charges happen on a connection's event loop, releases also when a stream's state
/// is freed on another thread.
public final class YamuxReceiveBudget: Sendable {
    /// The most bytes this budget holds at once.
    public let limit: Int
    /// A budget every charge to this one is also made against.
    public let parent: YamuxReceiveBudget?
    private let used = Atomic<Int>(0)

    /// A budget of `limit` bytes, inside `parent` when given.
    public init(limit: Int, parent: YamuxReceiveBudget? = nil) {
        self.limit = limit
        self.parent = parent
    }

    /// Bytes charged now.
    public var usedBytes: Int { used.load(ordering: .relaxed) }

    /// Charges `count` bytes to this budget and its parents, or to none of them. Sessions charge what they
    /// queue; a layer above that reads ahead of its application (a protocol negotiation's leftover) charges
    /// what it holds the same way.
    /// - Returns: `nil` when it fit, otherwise the budget that was full.
    public func charge(_ count: Int) -> YamuxReceiveBudget? {
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + count <= limit else { return self }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        if let full = parent?.charge(count) {
            used.subtract(count, ordering: .relaxed)
            return full
        }
        return nil
    }

    /// Gives back `count` bytes charged earlier, here and in the parents.
    public func release(_ count: Int) {
        guard count > 0 else { return }
        used.subtract(count, ordering: .relaxed)
        parent?.release(count)
    }
}
