import APICore
import ArgumentParser
import BenchSupport
import ChainTypes
import Foundation
import FullNodeAPI
import Libp2p
import Logging
import MarketsAPI
import Multiformats
import PieceCommitment
import StorageMarket
import StorageMarketNetwork

/// `deal-bench`: storage deal ingestion on real processes (release build, loopback) — proposals on libp2p, the data
/// imported, publishing in batches, hand-off to sealing (mock seal) — in deals per second until every deal is handed
/// off, with the markets node's peak resident memory; the monolith and the split in the same run, and their ratio.
///
/// With `--sustained SECONDS`: 8 MiB sectors, Window PoSt on, two CC sectors proving before the load starts (deal
/// pieces wait in an open sector, so the proving set stays the same), Window PoSt timed idle for SECONDS, deals proposed for
/// SECONDS, and every deadline's Window PoSt timed from its open epoch to its proof on chain (``WindowPoStWatch``)
/// while the deals go in — the cost of the split on proving and on ingestion under the same markets load.
@main
struct DealBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deal-bench", abstract: "Deal ingestion (proposal → publish → hand-off) in deals/s, monolith against split")

    @Option(help: "Deals per run (2 KiB pieces, one per 2 KiB sector)") var deals = 32
    @Option(help: "Deals proposed at once") var concurrency = 8
    @Option(name: .customLong("block-time"), help: "The devnet's block time") var blockTime = "200ms"
    @Option(help: "Scratch directory") var scratch = ".build-bench/deals"
    @Flag(help: "Keep each run's repos and node logs under the scratch directory") var keep = false
    @Option(name: .customLong("sector-size"), help: "With --sustained: 8MiB (deals wait in one sector) or 2KiB (each deal seals a sector of its own, so the proving set grows under the load)")
    var sectorSize = "8MiB"
    @Option(help: "Propose deals for this many seconds with Window PoSt on and timed (0: a fixed number of deals)") var sustained = 0
    @Option(help: "Retrieval of one piece of this many MiB (padded) over /piece against nginx serving the same bytes (0: off)")
    var retrieval = 0
    @Option(help: "With --retrieval: curl runs per server (the best counts)") var rounds = 5

    /// Deals start soon on this devnet and publish in batches of 8 or every second.
    static let config = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "1s"
          MaxDealsPerPublishMsg = 8
        [Proving]
          DisableBuiltinWindowPoSt = true

        """

    /// Window PoSt on; deal pieces wait in one 8 MiB sector (4096 pieces of 2 KiB) for an hour, so the sectors being
    /// proven during the run are the same under load as idle: the markets load, not a growing proving set, is what
    /// the proofs compete with.
    static let sustainedConfig = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "1s"
          MaxDealsPerPublishMsg = 8
        [Sealing]
          WaitDealsDelay = "1h0m0s"

        """

    func run() async throws {
        if sustained > 0 { return try await runSustained() }
        if retrieval > 0 { return try await runRetrieval() }
        print("deal-bench — \(ProcessInfo.processInfo.activeProcessorCount) cores, \(deals) deals of 2 KiB, \(concurrency) at once, \(blockTime) blocks")
        var rates: [Bool: Double] = [:]
        for split in [false, true] {
            let home = URL(fileURLWithPath: scratch).appendingPathComponent(UUID().uuidString.prefix(8).lowercased()).path
            let nodes = try await BenchNodes.start(home: home, blockTime: blockTime, sectorSize: "2KiB", split: split, minerConfig: Self.config)
            defer {
                nodes.stop()
                if !keep { try? FileManager.default.removeItem(atPath: home) }
            }
            let (rate, peak, idle) = try await measure(nodes)
            rates[split] = rate
            print(
                String(
                    format: "%@: %d deals handed off in %.1f s = %.2f deals/s; markets node RSS %llu MiB idle, peak %llu MiB",
                    split ? "split   " : "monolith", deals, Double(deals) / rate, rate, idle >> 20, peak >> 20))
        }
        if let monolith = rates[false], let split = rates[true] {
            print(String(format: "split / monolith: %.2f", split / monolith))
        }
    }

    /// Makes the deals and waits until each is handed off; returns deals/s, the markets node's peak and idle RSS.
    func measure(_ nodes: BenchNodes) async throws -> (Double, UInt64, UInt64) {
        let session = try await DealSession.open(nodes)
        defer { session.close() }
        let (chain, markets, client, provider, wallet, network) =
            (session.chain, session.markets, session.client, session.provider, session.wallet, session.network)

        let pid = nodes.marketsPID
        let home = nodes.home
        let rss = PeakRSS(pid: pid)
        let start = ContinuousClock.now
        var cids: [CID] = []
        for first in stride(from: 0, to: deals, by: max(concurrency, 1)) {
            let batch = Array(first..<min(first + max(concurrency, 1), deals))
            let made = try await withThrowingTaskGroup(of: CID.self) { group in
                for index in batch {
                    group.addTask {
                        try await Self.deal(index, client: client, provider: provider, chain: chain, markets: markets, wallet: wallet, network: network, home: home)
                    }
                }
                var made: [CID] = []
                for try await cid in group { made.append(cid) }
                return made
            }
            cids += made
        }
        let handedOff: Set<StorageDealStatus> = [.awaitingPreCommit, .sealing, .finalizing, .active]
        while true {
            let states = try await markets.call(\.marketListIncompleteDeals).filter { cids.contains($0.proposalCid) }
            if let failed = states.first(where: { $0.state == .error }) { throw BenchError("deal \(failed.proposalCid) failed: \(failed.message)") }
            if states.count == cids.count, states.allSatisfy({ handedOff.contains($0.state) }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - start
        let peak = rss.stop()
        return (Double(deals) / elapsed.seconds, peak, rss.initial)
    }

    /// One offline deal: a 2032-byte payload, proposed on libp2p (signed by the daemon's wallet), imported.
    static func deal(
        _ index: Int, client: StorageMarketClient, provider: PeerID, chain: SubsystemRef<FullNodeMethods>, markets: SubsystemRef<MarketsMethods>,
        wallet: Address, network: NetworkParams, home: String
    ) async throws -> CID {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<2032).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let piece = try PieceDigest.of(data).cid
        let head = try await chain.call(\.chainHead).height
        let proposal = DealProposal(
            pieceCID: piece, pieceSize: 2048, client: wallet, provider: Address(id: 1000), label: "bench \(index)", startEpoch: head + 600,
            endEpoch: head + 600 + network.dealMinDuration + 100, storagePricePerEpoch: .zero, providerCollateral: .zero, clientCollateral: .zero)
        let signature = try await chain.call(\.walletSign, wallet, Base64Bytes(proposal.cborBytes))
        let signed = ClientDealProposal(proposal: proposal, clientSignature: signature)
        let ref = DataRef(transferType: DataRef.transferTypeManual, root: piece, pieceCID: piece, pieceSize: 2032)
        let answer = try await client.propose(DealProposalMessage(dealProposal: signed, piece: ref, fastRetrieval: true), to: provider)
        guard answer.response.state == StorageDealStatus.waitingForData.rawValue else {
            throw BenchError("deal \(index) rejected: \(answer.response.message)")
        }
        let file = home + "/deal-\(index).data"
        try Data(data).write(to: URL(fileURLWithPath: file))
        _ = try await markets.call(\.dealsImportData, proposal.cid, file)
        return proposal.cid
    }
}
