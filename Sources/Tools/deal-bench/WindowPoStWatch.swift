import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Synchronization

/// Watches a miner's Window PoSt on chain while a benchmark runs: for every deadline that opens with live sectors,
/// the time from the moment the chain reached its open epoch to the moment its first proof is on chain (in
/// milliseconds and in epochs). Deadlines that closed without a proof the watcher saw are counted as unseen; the
/// chain's faults (a missed deadline turns its sectors faulty) are the authoritative count of misses.
///
/// It polls the daemon every `interval`, so each figure carries up to one interval of error; a proof cannot land
/// before the epoch after it was sent, so one block time is the floor.
final class WindowPoStWatch: Sendable {
    struct Proof: Sendable {
        var deadline: UInt64
        var milliseconds: Double
        var epochs: ChainEpoch
    }

    private struct State {
        /// Open epoch of the deadline being watched, when it was first seen open, and whether it has live sectors.
        var open: ChainEpoch = -1
        var index: UInt64 = 0
        var openedAt: ContinuousClock.Instant = .now
        var live = false
        var proven = false
        var proofs: [Proof] = []
        var unseen = 0
    }

    private let chain: SubsystemRef<FullNodeMethods>
    private let miner: Address
    private let interval: Duration
    private let state = Mutex(State())

    init(chain: SubsystemRef<FullNodeMethods>, miner: Address, interval: Duration = .milliseconds(25)) {
        self.chain = chain
        self.miner = miner
        self.interval = interval
    }

    /// Proofs seen so far, and deadlines with sectors whose proof was not seen.
    var results: (proofs: [Proof], unseen: Int) { state.withLock { ($0.proofs, $0.unseen) } }

    /// Faulty sectors of the miner now, over all deadlines.
    func faultySectors() async throws -> Int {
        var count = 0
        for index in try await chain.call(\.stateMinerDeadlines, miner, nil).indices {
            for partition in try await chain.call(\.stateMinerPartitions, miner, UInt64(index), nil) { count += partition.faultySectors.count }
        }
        return count
    }

    /// Polls until cancelled.
    func run() async {
        while !Task.isCancelled {
            try? await poll()
            try? await Task.sleep(for: interval)
        }
    }

    private func poll() async throws {
        let now = ContinuousClock.now
        let current = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
        let watching = state.withLock { $0.open }
        if current.open != watching {
            // A new deadline. The first one seen opened before the watch began: it is not timed.
            let partitions = try await chain.call(\.stateMinerPartitions, miner, current.index, nil)
            state.withLock {
                let first = $0.open < 0
                if !first, $0.live, !$0.proven { $0.unseen += 1 }
                $0.open = current.open
                $0.index = current.index
                $0.openedAt = now
                $0.live = !first && partitions.contains { !$0.liveSectors.isEmpty }
                $0.proven = false
            }
            return
        }
        guard state.withLock({ $0.live && !$0.proven }) else { return }
        let deadlines = try await chain.call(\.stateMinerDeadlines, miner, nil)
        guard Int(current.index) < deadlines.count, !deadlines[Int(current.index)].postSubmissions.isEmpty else { return }
        state.withLock {
            let elapsed = now - $0.openedAt
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            $0.proofs.append(Proof(deadline: current.index, milliseconds: ms, epochs: current.currentEpoch - current.open))
            $0.proven = true
        }
    }
}
