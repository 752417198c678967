import APICore
import BenchSupport
import ChainTypes
import Foundation
import MarketsAPI
import Multiformats
import StorageMarket

extension DealBench {
    /// What one topology did under sustained load.
    struct SustainedResult {
        var dealsPerSecond: Double
        var deals: Int
        var proofs: [WindowPoStWatch.Proof]
        var unseen: Int
        var faults: Int
    }

    /// `--sustained SECONDS`: the monolith and the split under the same load, Window PoSt timed, and the ratios.
    func runSustained() async throws {
        print("deal-bench --sustained — \(ProcessInfo.processInfo.activeProcessorCount) cores, deals of 2 KiB proposed for \(sustained) s, "
            + "\(concurrency) at once, \(blockTime) blocks, Window PoSt on (2 CC sectors proving before the load)")
        var results: [Bool: SustainedResult] = [:]
        for split in [false, true] {
            let home = URL(fileURLWithPath: scratch).appendingPathComponent(UUID().uuidString.prefix(8).lowercased()).path
            let nodes = try await BenchNodes.start(home: home, blockTime: blockTime, sectorSize: "2KiB", split: split, minerConfig: Self.sustainedConfig)
            defer {
                nodes.stop()
                if keep { print("kept \(home)") } else { try? FileManager.default.removeItem(atPath: home) }
            }
            let result = try await sustainedLoad(nodes)
            results[split] = result
            let latencies = result.proofs.map(\.milliseconds).sorted()
            let epochs = result.proofs.map(\.epochs).sorted()
            print(
                String(
                    format: "%@: %d deals handed off = %.2f deals/s; Window PoSt from deadline open to proof on chain: %d deadlines, "
                        + "median %.0f ms (%lld epochs), max %.0f ms (%lld epochs); unseen %d, faulty sectors %d",
                    split ? "split   " : "monolith", result.deals, result.dealsPerSecond, latencies.count, Self.median(latencies),
                    epochs.isEmpty ? 0 : epochs[epochs.count / 2], latencies.last ?? 0, epochs.last ?? 0, result.unseen, result.faults))
        }
        if let monolith = results[false], let split = results[true] {
            let monolithLatency = Self.median(monolith.proofs.map(\.milliseconds).sorted())
            let splitLatency = Self.median(split.proofs.map(\.milliseconds).sorted())
            print(
                String(
                    format: "cost of the split: deal ingestion split / monolith = %.2f; Window PoSt median latency split / monolith = %.2f "
                        + "(the floor is one block, %@)",
                    split.dealsPerSecond / monolith.dealsPerSecond, monolithLatency > 0 ? splitLatency / monolithLatency : 0, blockTime))
        }
    }

    static func median(_ sorted: [Double]) -> Double { sorted.isEmpty ? 0 : sorted[sorted.count / 2] }

    /// Pledges two CC sectors and waits until they prove, then proposes deals for `sustained` seconds while a
    /// ``WindowPoStWatch`` times every deadline; waits until every deal is handed off.
    func sustainedLoad(_ nodes: BenchNodes) async throws -> SustainedResult {
        let session = try await DealSession.open(nodes)
        defer { session.close() }
        let miner = Address(id: 1000)
        for _ in 0..<2 { _ = try await BenchNodes.run(nodes.bin, "lotus-miner", ["sectors", "pledge"], nodes.environment) }
        let deadline = ContinuousClock.now + .seconds(120)
        while try await BenchNodes.run(nodes.bin, "lotus-miner", ["sectors", "list"], nodes.environment).components(separatedBy: "Proving").count < 3 {
            guard ContinuousClock.now < deadline else { throw BenchError("the CC sectors did not reach Proving in 120 s") }
            try await Task.sleep(for: .milliseconds(200))
        }

        let watch = WindowPoStWatch(chain: session.chain, miner: miner)
        let watching = Task { await watch.run() }
        defer { watching.cancel() }
        let start = ContinuousClock.now
        let stopProposing = start + .seconds(sustained)
        let home = nodes.home
        var cids: [CID] = []
        var index = 0
        while ContinuousClock.now < stopProposing {
            let batch = Array(index..<(index + max(concurrency, 1)))
            index += batch.count
            cids += try await withThrowingTaskGroup(of: CID.self) { group in
                for number in batch {
                    group.addTask {
                        try await Self.deal(
                            number, client: session.client, provider: session.provider, chain: session.chain, markets: session.markets,
                            wallet: session.wallet, network: session.network, home: home)
                    }
                }
                var made: [CID] = []
                for try await cid in group { made.append(cid) }
                return made
            }
        }
        let handedOff: Set<StorageDealStatus> = [.awaitingPreCommit, .sealing, .finalizing, .active]
        while true {
            let states = try await session.markets.call(\.marketListIncompleteDeals).filter { cids.contains($0.proposalCid) }
            if let failed = states.first(where: { $0.state == .error }) { throw BenchError("deal \(failed.proposalCid) failed: \(failed.message)") }
            if states.count == cids.count, states.allSatisfy({ handedOff.contains($0.state) }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let (proofs, unseen) = watch.results
        return SustainedResult(
            dealsPerSecond: Double(cids.count) / seconds, deals: cids.count, proofs: proofs, unseen: unseen,
            faults: try await watch.faultySectors())
    }
}
