import APICore
import ChainState
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import Multiformats
import ServiceLifecycle

/// The chain daemon's API actor: it owns the devnet chain (``ChainState/DevnetChain``), the message pool and the
/// persistence, produces each epoch when the clock calls ``tick(height:)``, and answers the full node API
/// (`FullNodeMethods`).
///
/// Every change is stored before it is kept: ``tick(height:)`` commits the epoch through ``ChainPersistence`` and
/// only then moves the in-memory head; ``mpoolPush(_:)`` stores the message before acknowledging it. A crash at
/// any moment therefore loses nothing a client was told about, and executes nothing twice.
///
/// State queries take Lotus's tipset-key parameter: an empty key means the head; a key of a recent tipset is
/// accepted and answered from the head's state (the devnet keeps only the latest state; the answer is never
/// older than the tipset asked for); an unknown key is an error.
public actor FullNodeActor: FullNodeAPI, Service {
    /// The chain's network parameters (fixed at genesis).
    public nonisolated let network: NetworkParams
    var chain: DevnetChain
    var pool: MessagePool
    let store: any ChainPersistence
    let wallet: any WalletStore
    /// `MaxFee` of `MpoolPushMessage` when the caller leaves it zero (`[Fees] DefaultMaxFee`).
    let defaultMaxFee: TokenAmount
    let logger: Logger
    private let now: @Sendable () -> UInt64
    /// Recent tipset keys → height, so queries naming a recent tipset are accepted.
    var recentKeys: [TipSetKey: ChainEpoch] = [:]
    /// The same keys by height, so that each epoch drops just the key that left the window (``remember(_:at:)``).
    private var recentHeights: [ChainEpoch: TipSetKey] = [:]
    /// Valid winning submissions for the next epoch, first come first served.
    var submission: WinningSubmission?
    private var subscribers: [UUID: AsyncThrowingStream<[HeadChange], any Error>.Continuation] = [:]
    private var headWaiters: [UUID: CheckedContinuation<Void, any Error>] = [:]
    private var stopped = false

    /// How many recent tipset keys queries may name.
    static let recentKeyLimit: ChainEpoch = 900

    /// Resumes the chain stored in `store`.
    /// - Parameters:
    ///   - network: the chain's network parameters (as stored at genesis).
    ///   - stored: what `store.load` returned.
    ///   - now: Unix time in seconds, for block timestamps.
    /// - Throws: ``ChainState/ChainStateError`` when the stored state is inconsistent; a store error when dropping
    ///   stale mpool messages fails.
    public init(
        network: NetworkParams, stored: StoredChain, store: any ChainPersistence, wallet: any WalletStore,
        defaultMaxFee: TokenAmount = MessageSendSpec.defaultMaxFee, verifier: any ProofVerifier = StructuralProofVerifier(), logger: Logger,
        now: @escaping @Sendable () -> UInt64 = { UInt64(Date().timeIntervalSince1970) }
    ) throws {
        let chain = try DevnetChain(network: network, stored: stored, verifier: verifier)
        var pool = MessagePool()
        let dropped = pool.restore(stored.pending, chain: chain)
        try store.removePending(dropped)
        self.network = network
        self.chain = chain
        self.pool = pool
        self.store = store
        self.wallet = wallet
        self.defaultMaxFee = defaultMaxFee
        self.logger = logger
        self.now = now
        for tipSet in stored.recentTipSets + [chain.head.tipSet] where chain.head.height - tipSet.height < Self.recentKeyLimit {
            recentKeys[tipSet.key] = tipSet.height
            recentHeights[tipSet.height] = tipSet.key
        }
        if !dropped.isEmpty {
            logger.info("dropped stale mpool messages at start", metadata: ["count": "\(dropped.count)"])
        }
    }

    /// The head.
    public func head() -> TipSet { chain.head.tipSet }


    // MARK: Producing epochs

    /// Produces epoch `height` (the head's height + 1): the pending messages in selection order, the winning
    /// submission if one arrived, cron; commits it; then moves the head and tells subscribers and waiters.
    /// - Returns: the new head's height.
    /// - Throws: when `height` is not the next epoch, or when the commit fails (the head then stays where it was).
    @discardableResult
    public func tick(height: ChainEpoch) throws -> ChainEpoch {
        guard height == chain.head.height + 1 else {
            throw RPCError(.methodError, "cannot produce epoch \(height): the head is at \(chain.head.height)")
        }
        let winner = submission.flatMap { $0.epoch == height ? $0 : nil }
        submission = nil
        let messages = pool.select(for: chain)
        var (next, outcome) = Self.advance(chain, messages: messages, submission: winner, timestamp: now())
        if case .failure(let error) = outcome, error.kind == .submissionRefused, winner != nil {
            logger.warning("winning submission refused at production", metadata: ["epoch": "\(height)", "reason": "\(error)"])
            (next, outcome) = Self.advance(chain, messages: messages, submission: nil, timestamp: now())
        }
        var commit = try outcome.get()
        var nextPool = pool
        let pruned = nextPool.prune(chain: next)
        let removed = Set(commit.removedPending)
        commit.removedPending += pruned.filter { !removed.contains($0) }
        try store.commit(commit)
        chain = next
        pool = nextPool
        let tipSet = chain.head.tipSet
        remember(tipSet.key, at: height)
        for continuation in subscribers.values { continuation.yield([.apply(tipSet)]) }
        let waiters = headWaiters
        headWaiters.removeAll()
        for waiter in waiters.values { waiter.resume() }
        logger.debug("epoch produced", metadata: ["height": "\(height)", "messages": "\(commit.messages.count)"])
        return height
    }

    /// `chain` advanced by one epoch, and what to commit (a separate function: a typed-throws `catch … where` in
    /// `tick` crashed the 6.3.1 compiler's SIL ownership checker).
    private static func advance(
        _ chain: DevnetChain, messages: [SignedMessage], submission: WinningSubmission?, timestamp: UInt64
    ) -> (DevnetChain, Result<EpochCommit, ChainStateError>) {
        var next = chain
        do {
            let commit = try next.advance(messages: messages, submission: submission, timestamp: timestamp)
            return (next, .success(commit))
        } catch {
            return (chain, .failure(error))
        }
    }

    // MARK: Subscriptions and waits

    /// `ChainNotify`: `[current]` now, then `[apply]` for every new head, until shutdown.
    public func chainNotify() -> AsyncThrowingStream<[HeadChange], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[HeadChange], any Error>.makeStream()
        continuation.yield([.current(chain.head.tipSet)])
        if stopped {
            continuation.finish()
            return stream
        }
        let key = UUID()
        subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(key) } }
        return stream
    }

    private func unsubscribe(_ key: UUID) { subscribers[key] = nil }

    /// Waits (`StateWaitMsg`) and `ChainNotify` subscriptions in progress: each ends with its client, so these
    /// stay flat however many clients come and go (for tests and metrics).
    public var waitsAndSubscriptions: (waits: Int, subscriptions: Int) { (headWaiters.count, subscribers.count) }

    /// Suspends until the next epoch is produced.
    /// - Throws: `CancellationError` when the caller is cancelled, ``APICore/RPCError`` `shuttingDown` at shutdown.
    func nextHead() async throws {
        let key = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if stopped {
                    continuation.resume(throwing: RPCError(.shuttingDown, "the daemon is shutting down"))
                } else if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    headWaiters[key] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(key) }
        }
    }

    private func cancelWaiter(_ key: UUID) {
        headWaiters.removeValue(forKey: key)?.resume(throwing: CancellationError())
    }

    /// Waits for graceful shutdown, then ends every subscription and wait, so the API server can drain.
    public func run() async throws {
        try? await gracefulShutdown()
        stopped = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
        let waiters = headWaiters
        headWaiters.removeAll()
        for waiter in waiters.values { waiter.resume(throwing: RPCError(.shuttingDown, "the daemon is shutting down")) }
    }

    // MARK: Tipset keys

    /// Records the head's key at `height` and forgets the one that is now ``recentKeyLimit`` epochs old.
    ///
    /// One removal per epoch: filtering the whole map on every tick rehashed all 900 keys every epoch once the
    /// chain was past 900 epochs.
    private func remember(_ key: TipSetKey, at height: ChainEpoch) {
        recentKeys[key] = height
        recentHeights[height] = key
        let expired = height - Self.recentKeyLimit
        if let old = recentHeights.removeValue(forKey: expired), recentKeys[old] == expired {
            recentKeys[old] = nil
        }
    }

    /// Checks a query's tipset key: empty, the head's, or a recent one.
    /// - Throws: ``APICore/RPCError`` naming the key when it is unknown.
    func checkTipSet(_ key: TipSetKey?) throws {
        guard let key, !key.cids.isEmpty, recentKeys[key] == nil else { return }
        throw RPCError(.methodError, "loading tipset \(key): tipset not found among the last \(Self.recentKeyLimit) epochs; pass [] for the head")
    }
}
