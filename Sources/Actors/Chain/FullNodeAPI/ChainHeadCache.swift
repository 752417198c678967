import APICore
import ChainTypes

/// The chain head's height for the many tasks of a node that each wait for a new epoch — sectors in WaitSeed, deals
/// following the chain from AwaitingPreCommit to Active — asked of the daemon at most once per `maxAge` however many
/// ask; those that ask while a read is under way share its answer. Each polling on its own, hundreds of sectors or
/// deals sent the daemon hundreds of calls per block, and in a monolith the node's own Window PoSt calls queued behind
/// them (`deal-bench --sustained`).
public actor ChainHeadCache {
    private let maxAge: Duration
    private let read: @Sendable () async throws -> ChainEpoch
    private var last: (height: ChainEpoch, at: ContinuousClock.Instant)?
    private var inFlight: Task<ChainEpoch, any Error>?

    /// - Parameters:
    ///   - maxAge: how long a height read is given out again (the callers' poll interval).
    ///   - read: reads the head's height from the chain.
    public init(maxAge: Duration, read: @escaping @Sendable () async throws -> ChainEpoch) {
        self.maxAge = maxAge
        self.read = read
    }

    /// Reads the height with `ChainHead` on `chain`.
    public init(chain: SubsystemRef<FullNodeMethods>, maxAge: Duration) {
        self.init(maxAge: maxAge) { try await chain.call(\.chainHead).height }
    }

    /// The head's height, read no longer than `maxAge` ago. A failed read fails every caller that waited for it, and
    /// the next call reads again.
    public func height() async throws -> ChainEpoch {
        if let last, ContinuousClock.now - last.at < maxAge { return last.height }
        if let inFlight { return try await inFlight.value }
        let read = read
        let look = Task { try await read() }
        inFlight = look
        defer { inFlight = nil }
        let height = try await look.value
        last = (height, .now)
        return height
    }
}
