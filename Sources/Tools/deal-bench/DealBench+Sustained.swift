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
        /// Window PoSt with no deals coming in (the same length of time, before the load).
        var idleProofs: [WindowPoStWatch.Proof]
        var proofs: [WindowPoStWatch.Proof]
        var unseen: Int
        var faults: Int
    }

    /// `--sustained SECONDS`: the monolith and the split under the same load, Window PoSt timed, and the ratios.
    func runSustained() async throws {
        print("deal-bench --sustained — \(ProcessInfo.processInfo.activeProcessorCount) cores, deals of 2 KiB proposed for \(sustained) s, "
            + "\(concurrency) at once, \(blockTime) blocks, \(sectorSize) sectors, Window PoSt on (2 CC sectors proving)")
        var results: [Bool: SustainedResult] = [:]
        for split in [false, true] {
            let home = URL(fileURLWithPath: scratch).appendingPathComponent(UUID().uuidString.prefix(8).lowercased()).path
            let nodes = try await BenchNodes.start(home: home, blockTime: blockTime, sectorSize: sectorSize, split: split, minerConfig: Self.sustainedConfig)
            defer {
                nodes.stop()
                if keep { print("kept \(home)") } else { try? FileManager.default.removeItem(atPath: home) }
            }
            let result = try await sustainedLoad(nodes)
            results[split] = result
            let name = split ? "split   " : "monolith"
            print(String(format: "%@: %d deals handed off = %.2f deals/s", name, result.deals, result.dealsPerSecond))
            print("\(name): Window PoSt, deadline open → proof on chain, idle:         \(Self.describe(result.idleProofs))")
            print("\(name): Window PoSt, deadline open → proof on chain, under deals:  \(Self.describe(result.proofs)); "
                + "unseen \(result.unseen), faulty sectors \(result.faults)")
            let idle = Self.median(result.idleProofs.map(\.milliseconds).sorted())
            if idle > 0 {
                print(String(format: "%@: Window PoSt median latency under deals / idle = %.2f (goal ≤ 1.1)", name,
                    Self.median(result.proofs.map(\.milliseconds).sorted()) / idle))
            }
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

    /// `N deadlines, median M ms (E epochs), max …` for a list of proofs.
    static func describe(_ proofs: [WindowPoStWatch.Proof]) -> String {
        let latencies = proofs.map(\.milliseconds).sorted()
        let epochs = proofs.map(\.epochs).sorted()
        guard !latencies.isEmpty else { return "no deadline timed" }
        return String(
            format: "%d deadlines, median %.0f ms (%lld epochs), max %.0f ms (%lld epochs)", latencies.count, median(latencies),
            epochs[epochs.count / 2], latencies.last ?? 0, epochs.last ?? 0)
    }

    /// Pledges two CC sectors and waits until they prove; times Window PoSt for `sustained` seconds with no deals;
    /// then proposes deals for `sustained` seconds while a ``WindowPoStWatch`` times every deadline, and waits until
    /// every deal is handed off.
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

        // Idle: Window PoSt alone for as long as the load will run.
        let idleWatch = WindowPoStWatch(chain: session.chain, miner: miner)
        let idleWatching = Task { await idleWatch.run() }
        try await Task.sleep(for: .seconds(sustained))
        idleWatching.cancel()
        let idleProofs = idleWatch.results.proofs

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
        let seconds = (ContinuousClock.now - start).seconds
        let (proofs, unseen) = watch.results
        return SustainedResult(
            dealsPerSecond: Double(cids.count) / seconds, deals: cids.count, idleProofs: idleProofs, proofs: proofs, unseen: unseen,
            faults: try await watch.faultySectors())
    }
}
