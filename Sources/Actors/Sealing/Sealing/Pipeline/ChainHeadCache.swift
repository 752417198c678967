import APICore
import ChainTypes
import FullNodeAPI

/// The chain's height for every sector that waits for an epoch (WaitSeed), asked of the daemon at most once per
/// `maxAge` however many sectors wait: hundreds of sectors sealing at once each polling the head would otherwise
/// send the daemon hundreds of calls per block, and the node's own Window PoSt calls would queue behind them.
actor ChainHeadCache {
    private let chain: SubsystemRef<FullNodeMethods>
    private let maxAge: Duration
    private var last: (height: ChainEpoch, at: ContinuousClock.Instant)?
    private var inFlight: Task<ChainEpoch, any Error>?

    init(chain: SubsystemRef<FullNodeMethods>, maxAge: Duration) {
        self.chain = chain
        self.maxAge = maxAge
    }

    /// The head's height, no older than `maxAge`; callers that ask while a look is under way share its answer.
    func height() async throws -> ChainEpoch {
        if let last, ContinuousClock.now - last.at < maxAge { return last.height }
        if let inFlight { return try await inFlight.value }
        let chain = chain
        let look = Task { try await chain.call(\.chainHead).height }
        inFlight = look
        defer { inFlight = nil }
        let height = try await look.value
        last = (height, .now)
        return height
    }
}
