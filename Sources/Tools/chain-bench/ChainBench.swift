import APICore
import ArgumentParser
import ChainState
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import Multiformats

/// `chain-bench`: how fast the devnet chain takes messages in and answers `ChainHead`.
///
/// 1. Messages/s from push to inclusion: `--messages` transfers, pre-signed by `--wallets` wallets (each its own
///    nonce run), pushed at once with `MpoolPush` over HTTP/2, timed from the first push until every one has a
///    receipt (checked afterwards: all exit 0).
/// 2. `ChainHead` latency, p50/p99, as an actor call in this process and over HTTP/2 JSON-RPC, and their ratio.
@main
struct ChainBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain-bench", abstract: "Devnet chain throughput (push → inclusion) and ChainHead latency")

    @Flag(help: "a short run (400 messages, 2000 ChainHead calls)") var quick = false
    @Option(help: "transfers to push") var messages: Int?
    @Option(help: "sending wallets (each sends messages/wallets in nonce order)") var wallets = 8
    @Option(name: .customLong("block-time"), help: "milliseconds between epochs") var blockTimeMillis = 100
    @Option(help: "ChainHead calls per path") var calls: Int?

    func validate() throws {
        guard wallets > 0, blockTimeMillis > 0 else { throw ValidationError("--wallets and --block-time must be positive") }
        if let messages, messages < wallets { throw ValidationError("--messages must be at least --wallets") }
        if let calls, calls < 100 { throw ValidationError("--calls must be at least 100 (for a p99)") }
    }

    func run() async throws {
        let messageCount = messages ?? (quick ? 400 : 4000)
        let callCount = calls ?? (quick ? 2000 : 20000)
        let blockTime = Duration.milliseconds(blockTimeMillis)
        let chain = try await BenchChain.start(wallets: wallets, blockTime: blockTime)
        do {
            print("chain-bench: \(wallets) wallets, \(messageCount) transfers, block time \(blockTimeMillis) ms, \(callCount) ChainHead calls per path")
            let producing = chain.produceEpochs(every: blockTime)
            let throughput = try await Self.pushToInclusion(chain, count: messageCount)
            producing.cancel()
            _ = try? await producing.value
            print(throughput)
            let local = try await Self.latency(callCount) { _ = await chain.actor.head() }
            let remote = chain.client()
            let overHTTP = try await Self.latency(callCount) { _ = try await remote.call(\.chainHead) }
            print("ChainHead in-process (actor call): p50 \(Self.micros(local.p50))  p99 \(Self.micros(local.p99))")
            print("ChainHead HTTP/2 JSON-RPC:         p50 \(Self.micros(overHTTP.p50))  p99 \(Self.micros(overHTTP.p99))")
            print(
                "HTTP/2 ÷ in-process: p50 ×\(String(format: "%.1f", Double(overHTTP.p50) / Double(max(1, local.p50)))), "
                    + "p99 ×\(String(format: "%.1f", Double(overHTTP.p99) / Double(max(1, local.p99))))")
        } catch {
            await chain.stop()
            throw error
        }
        await chain.stop()
    }

    /// Pushes `count` pre-signed transfers at once and waits until all have receipts.
    static func pushToInclusion(_ chain: BenchChain, count: Int) async throws -> String {
        let network = chain.actor.network
        let keys = chain.keys
        var perWallet: [[SignedMessage]] = []
        for (index, key) in keys.enumerated() {
            let share = count / keys.count + (index < count % keys.count ? 1 : 0)
            let to = keys[(index + 1) % keys.count].address
            perWallet.append(
                try (0..<share).map { nonce in
                    try key.sign(
                        message: Message(
                            to: to, from: key.address, nonce: UInt64(nonce), value: TokenAmount(attoFIL: 1), gasLimit: 1_000_000,
                            gasFeeCap: network.baseFee * 2 + network.defaultGasPremium, gasPremium: network.defaultGasPremium))
                })
        }
        let startHeight = await chain.actor.head().height
        let clock = ContinuousClock()
        let start = clock.now
        // One HTTP/2 connection per wallet, all pushing at once, each in its nonce order.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for messages in perWallet {
                let client = chain.client()
                group.addTask { for message in messages { _ = try await client.call(\.mpoolPush, message) } }
            }
            try await group.waitForAll()
        }
        let pushed = clock.now - start
        // A wallet's last nonce has a receipt only once all its earlier ones have (nonce order).
        let waiter = chain.client()
        var endHeight = startHeight
        for messages in perWallet {
            guard let last = messages.last else { continue }
            let lookup = try await waiter.call(\.stateWaitMsg, last.cid, UInt64(0), ChainEpoch(-1), true)
            endHeight = max(endHeight, lookup.height)
        }
        let included = clock.now - start
        var failed = 0
        for message in perWallet.joined() {
            guard let lookup = try await chain.actor.searchMessage(message.cid, limit: -1, nil) else {
                throw BenchFailure("message \(message.cid) has no receipt although a later nonce of its sender has")
            }
            if !lookup.receipt.exitCode.isSuccess { failed += 1 }
        }
        guard failed == 0 else { throw BenchFailure("\(failed) of \(count) transfers failed on chain") }
        let seconds = Double(included.components.seconds) + Double(included.components.attoseconds) / 1e18
        let pushSeconds = Double(pushed.components.seconds) + Double(pushed.components.attoseconds) / 1e18
        return String(
            format: "push → inclusion: %d messages in %.2f s = %.0f msg/s (pushing took %.2f s = %.0f msg/s; epochs %d→%d)",
            count, seconds, Double(count) / seconds, pushSeconds, Double(count) / pushSeconds, startHeight, endHeight)
    }

    /// Times `count` sequential calls of `body` (after 100 warm-up calls); returns p50/p99 in nanoseconds.
    static func latency(_ count: Int, _ body: () async throws -> Void) async throws -> (p50: Int64, p99: Int64) {
        for _ in 0..<100 { try await body() }
        let clock = ContinuousClock()
        var samples: [Int64] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            try await body()
            let elapsed = clock.now - start
            samples.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        }
        samples.sort()
        return (samples[count * 50 / 100], samples[min(count - 1, count * 99 / 100)])
    }

    static func micros(_ nanos: Int64) -> String { String(format: "%.1f µs", Double(nanos) / 1000) }
}
