import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import Multiformats
import StorageMarket
import TestScheduling
import Testing

/// Storage deals on real processes: `lotus daemon`, `lotus-miner run` (the monolith), the operator's
/// `storage-deals` commands, a client on libp2p — and kill -9 of the node while deals are in flight.
@Suite("Storage deals (processes)", .serialized, .timingSensitive(within: .seconds(8 * 60)))
struct DealProcessTests {
    /// Quick deals on a 100 ms devnet; deals wait for a 2 s publish period, so kills land in every state.
    static let config = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "2s"
          MaxDealsPerPublishMsg = 3
        [Proving]
          DisableBuiltinWindowPoSt = true
        """

    /// How far ahead the deals start (epochs of 100 ms): the kills, the restarts and the sealing of a loaded CI run
    /// must fit before it, or a deal not yet published misses its start and fails (a CI run took 40 s where 13 s is usual).
    static let startIn: ChainEpoch = 3000

    /// The provider's deals once `count` of them are there and each is Active or failed (at most 2 minutes).
    static func settled(_ count: Int, on markets: SubsystemRef<MarketsMethods>) async throws -> [MinerDeal] {
        var deals: [MinerDeal] = []
        for _ in 0..<TestTime.rounds(600) {
            deals = try await markets.call(\.marketListIncompleteDeals)
            if deals.count == count, deals.allSatisfy({ $0.state == .active || $0.state == .error }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return deals
    }

    /// The node's libp2p address on loopback and its peer ID (`lotus-miner net listen` / `net id`).
    static func libp2pAddress(_ net: ChainDevnet) async throws -> (Multiaddr, PeerID) {
        let listen = try await net.miner("net", "listen").split(separator: "\n").map(String.init)
        let address = try #require(listen.first { $0.hasPrefix("/ip4/127.0.0.1/") }, "\(listen)")
        // `net listen` prints each address with the node's /p2p/ part.
        let transport = address.components(separatedBy: "/p2p/")[0]
        return (try Multiaddr(transport), try PeerID(try await net.miner("net", "id")))
    }

    @Test("kill -9 of the node at each stage of four offline deals: every deal reaches Active, published once, sealed once")
    func killDuringDeals() async throws {
        try await ChainDevnet.with { try await killDuringDeals($0) }
    }

    func killDuringDeals(_ net: ChainDevnet) async throws {
        let environment = try net.fullNodeEnvironment()
        var node = try await net.startMiner(config: Self.config)
        defer { node.kill() }
        try await net.miner("storage-deals", "set-ask", "--price", "0", "--verified-price", "0", "--max-piece-size", "2KiB")
        #expect(try await net.miner("storage-deals", "get-ask").contains("0 FIL"))
        let (address, peer) = try await Self.libp2pAddress(net)
        let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
        let scratch = URL(fileURLWithPath: net.home)
        let cids = try await StorageDealClient.with(chain: chain, provider: address, peer: peer, miner: Address(id: 1000), scratch: scratch) {
            client in
            var cids: [CID] = []
            for index in 0..<4 {
                let data = (0..<2032).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
                let proposal = try await client.proposal(for: data, startIn: Self.startIn, duration: 3000)
                let answer = try await client.propose(proposal)
                #expect(answer.response.state == StorageDealStatus.waitingForData.rawValue, "\(answer.response.message)")
                let file = net.home + "/deal-\(index).car"
                try Data(data).write(to: URL(fileURLWithPath: file))
                try await net.miner("storage-deals", "import-data", proposal.proposal.cid.description, file)
                cids.append(proposal.proposal.cid)
            }
            return cids
        }
        var seen: [String] = []
        for delay in [100, 700, 1500, 2500, 400] {
            try await Task.sleep(for: .milliseconds(delay))
            seen.append((try? await net.miner("storage-deals", "list")) ?? "?")
            node.kill()
            _ = await node.waitForExit()
            node = try await NodeProcess.start(repo: net.minerRepo, config: Self.config, environment: environment, port: node.port)
        }
        let markets = SubsystemRef<MarketsMethods>.remote(try node.client())
        let deals = try await Self.settled(4, on: markets)
        #expect(
            deals.map(\.state) == [.active, .active, .active, .active],
            "\(deals.map { "\($0.state.name) \($0.message)" }) — lists at the kills: \(seen)\n\(node.log.suffix(3000))")
        #expect(Set(deals.map(\.proposalCid)) == Set(cids))
        #expect(Set(deals.map(\.dealID)).count == 4)
        // Published once: the chain holds each proposal under one deal ID.
        let onChain = try await chain.call(\.stateMarketDeals, nil).values.map(\.proposal.cid)
        for cid in cids { #expect(onChain.filter { $0 == cid }.count == 1) }
        // Sealed once: four sectors, one deal each.
        let refs = try await markets.call(\.sectorsRefs)
        #expect(refs.count == 4 && refs.values.allSatisfy { $0.count == 1 }, "\(refs)")
        let list = try await net.miner("storage-deals", "list")
        #expect(list.components(separatedBy: "StorageDealActive").count == 5, "\(list)")
        await node.terminate()
    }

    @Test("across the split, the mining node down while deals are handed off: the markets node retries, and each deal is sealed once when it is back")
    func miningNodeDownDuringHandOff() async throws {
        try await ChainDevnet.with { try await miningNodeDown($0) }
    }

    func miningNodeDown(_ net: ChainDevnet) async throws {
        let quick = Self.config.replacingOccurrences(of: "MaxDealsPerPublishMsg = 3", with: "MaxDealsPerPublishMsg = 2")
        let split = try await SplitDevnet.start(net, config: quick)
        var mining = split.mining
        let markets = split.markets
        defer {
            mining.kill()
            markets.kill()
        }
        let (environment, onMarkets, address, peer) = (split.environment, split.onMarkets, split.address, split.peer)

        // The mining node goes down; deals are taken, published, and wait to be handed off.
        mining.kill()
        _ = await mining.waitForExit()
        let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
        let marketsAPI = SubsystemRef<MarketsMethods>.remote(try markets.client())
        let cids = try await StorageDealClient.with(
            chain: chain, provider: address, peer: peer, miner: Address(id: 1000), scratch: URL(fileURLWithPath: net.home)
        ) { client in
            var cids: [CID] = []
            for index in 0..<2 {
                let data = (0..<2032).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ index) }
                cids.append(try await client.offlineDeal(data, startIn: Self.startIn, markets: marketsAPI))
            }
            return cids
        }
        var staged: [MinerDeal] = []
        for _ in 0..<TestTime.rounds(100) where staged.count < 2 {
            try await Task.sleep(for: .milliseconds(100))
            staged = try await marketsAPI.call(\.marketListIncompleteDeals).filter { $0.state == .staged }
        }
        #expect(staged.count == 2, "both deals published and waiting for the mining node")
        try await Task.sleep(for: TestTime.scaled(.seconds(2)))
        #expect(markets.log.contains("the mining node cannot take the deal now; retrying"), "\(markets.log.suffix(2000))")

        // Back on the same address: the retries land, once each.
        mining = try await NodeProcess.start(repo: net.minerRepo, config: split.miningConfig, environment: environment, port: mining.port)
        let deals = try await Self.settled(2, on: marketsAPI)
        #expect(deals.map(\.state) == [.active, .active], "\(deals.map { "\($0.state.name) \($0.message)" })\n\(markets.log.suffix(2000))")
        #expect(Set(deals.map(\.proposalCid)) == Set(cids))
        let sectors = try await net.miner("sectors", "list")
        #expect(sectors.components(separatedBy: "Proving").count == 3, "two sectors, one deal each: \(sectors)")
        let refs = try await net.run("lotus-miner", ["sectors", "refs"], extra: onMarkets).stdout
        #expect(refs.components(separatedBy: "Block ").count == 3, "\(refs)")
        await markets.terminate()
        await mining.terminate()
    }

    @Test("kill -9 of the markets node of a split while four deals are in flight: each deal resumes, is published once and sealed once")
    func killMarketsNode() async throws {
        try await ChainDevnet.with { net in
            let split = try await SplitDevnet.start(net, config: Self.config)
            var markets = split.markets
            defer {
                split.mining.kill()
                markets.kill()
            }
            let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
            let cids = try await StorageDealClient.with(
                chain: chain, provider: split.address, peer: split.peer, miner: Address(id: 1000), scratch: URL(fileURLWithPath: net.home)
            ) { client in
                var cids: [CID] = []
                for index in 0..<4 {
                    let data = (0..<2032).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ index) }
                    cids.append(try await client.offlineDeal(data, startIn: Self.startIn, markets: .remote(try markets.client())))
                }
                return cids
            }
            var seen: [String] = []
            for delay in [150, 900, 1800, 400] {
                try await Task.sleep(for: .milliseconds(delay))
                seen.append((try? await net.run("lotus-miner", ["storage-deals", "list"], extra: split.onMarkets).stdout) ?? "?")
                markets.kill()
                _ = await markets.waitForExit()
                markets = try await NodeProcess.start(
                    repo: split.marketsRepo, config: split.marketsConfig, environment: split.environment, port: markets.port)
            }
            let marketsAPI = SubsystemRef<MarketsMethods>.remote(try markets.client())
            let deals = try await Self.settled(4, on: marketsAPI)
            #expect(
                deals.map(\.state) == [.active, .active, .active, .active],
                "\(deals.map { "\($0.state.name) \($0.message)" }) — lists at the kills: \(seen)\n\(markets.log.suffix(2000))")
            #expect(Set(deals.map(\.proposalCid)) == Set(cids) && Set(deals.map(\.dealID)).count == 4)
            let onChain = try await chain.call(\.stateMarketDeals, nil).values.map(\.proposal.cid)
            for cid in cids { #expect(onChain.filter { $0 == cid }.count == 1, "published once") }
            let sectors = try await net.miner("sectors", "list")
            #expect(sectors.components(separatedBy: "Proving").count == 5, "four sectors, one deal each: \(sectors)")
            await markets.terminate()
            await split.mining.terminate()
        }
    }

    /// Deals wait where the operator or the chain holds them: an hour's PublishMsgPeriod (until `pending-publish
    /// --publish-now`), an hour's WaitDealsDelay (until `sectors seal`).
    static let waitingConfig = """
        [Dealmaking]
          ExpectedSealDuration = "0s"
          StartEpochSealingBuffer = 10
          PublishMsgPeriod = "1h0m0s"
          MaxDealsPerPublishMsg = 8
        [Sealing]
          WaitDealsDelay = "1h0m0s"
        [Proving]
          DisableBuiltinWindowPoSt = true
        """

    @Test("kill -9 of the markets node of a split with a deal in each state it waits in — WaitingForData, Publish, Staged, AwaitingPreCommit, Active: it resumes there, is published once and sealed once")
    func killInEachWaitingState() async throws {
        try await ChainDevnet.with { net in
            let split = try await SplitDevnet.start(net, config: Self.waitingConfig)
            var (markets, mining) = (split.markets, split.mining)
            defer {
                markets.kill()
                mining.kill()
            }
            func api() throws -> SubsystemRef<MarketsMethods> { .remote(try markets.client()) }
            func restartMarkets() async throws {
                markets.kill()
                _ = await markets.waitForExit()
                markets = try await NodeProcess.start(
                    repo: split.marketsRepo, config: split.marketsConfig, environment: split.environment, port: markets.port)
            }
            func deal(_ cid: CID) async throws -> MinerDeal {
                try #require(try await api().call(\.marketListIncompleteDeals).first { $0.proposalCid == cid })
            }
            func wait(for state: StorageDealStatus, _ cid: CID) async throws -> MinerDeal {
                for _ in 0..<TestTime.rounds(300) {
                    let now = try await deal(cid)
                    if now.state == state || now.state == .error { return now }
                    try await Task.sleep(for: .milliseconds(200))
                }
                return try await deal(cid)
            }
            func pending() async throws -> [CID] { try await api().call(\.marketPendingDeals).deals.map(\.proposal.cid) }
            var resumedIn: [StorageDealStatus] = []

            // WaitingForData: proposed offline, the data not imported yet.
            let chain = SubsystemRef<FullNodeMethods>.remote(try net.daemon.client(path: "/rpc/v1"))
            let data = (0..<254).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 1) }
            let file = net.home + "/waiting.data"
            try Data(data).write(to: URL(fileURLWithPath: file))
            let cid = try await StorageDealClient.with(
                chain: chain, provider: split.address, peer: split.peer, miner: Address(id: 1000), scratch: URL(fileURLWithPath: net.home)
            ) { client in
                let proposal = try await client.proposal(for: data, startIn: Self.startIn)
                let answer = try await client.propose(proposal)
                #expect(answer.response.state == StorageDealStatus.waitingForData.rawValue, "\(answer.response.message)")
                return proposal.proposal.cid
            }
            try await restartMarkets()
            resumedIn.append(try await deal(cid).state)
            #expect(try await net.run("lotus-miner", ["storage-deals", "import-data", cid.description, file], extra: split.onMarkets).status == 0)

            // Publish: in the publish queue, which holds it for an hour; after the restart it is queued again.
            #expect(try await wait(for: .publish, cid).state == .publish)
            for _ in 0..<TestTime.rounds(100) where try await !pending().contains(cid) { try await Task.sleep(for: .milliseconds(100)) }
            try await restartMarkets()
            resumedIn.append(try await deal(cid).state)
            for _ in 0..<TestTime.rounds(100) where try await !pending().contains(cid) { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await pending() == [cid], "back in the queue")

            // Staged: published while the mining node is down, so the hand-off waits; the markets node is killed there
            // and started again once the mining node is back (it needs the mining node to start).
            #expect(await mining.terminate() == 0)
            #expect(try await net.run("lotus-miner", ["storage-deals", "pending-publish", "--publish-now"], extra: split.onMarkets).status == 0)
            #expect(try await wait(for: .staged, cid).state == .staged)
            markets.kill()
            _ = await markets.waitForExit()
            mining = try await NodeProcess.start(repo: net.minerRepo, config: split.miningConfig, environment: split.environment, port: mining.port)
            markets = try await NodeProcess.start(
                repo: split.marketsRepo, config: split.marketsConfig, environment: split.environment, port: markets.port)

            // AwaitingPreCommit: handed off into a sector that waits an hour for more deals; then sealed by hand.
            let handedOff = try await wait(for: .awaitingPreCommit, cid)
            #expect(handedOff.state == .awaitingPreCommit, "\(handedOff.message)\n\(markets.log.suffix(2000))")
            try await restartMarkets()
            resumedIn.append(try await deal(cid).state)
            try await net.miner("sectors", "seal", String(handedOff.sectorNumber))
            let active = try await wait(for: .active, cid)
            #expect(active.state == .active, "\(active.message)\n\(markets.log.suffix(2000))")

            // Active: it stays Active, with its one piece in its one sector.
            try await restartMarkets()
            resumedIn.append(try await deal(cid).state)
            #expect(resumedIn == [.waitingForData, .publish, .awaitingPreCommit, .active], "\(resumedIn.map(\.name))")
            let onChain = try await chain.call(\.stateMarketDeals, nil).values.map(\.proposal.cid)
            #expect(onChain.filter { $0 == cid }.count == 1, "published once")
            let sectors = try await net.miner("sectors", "list")
            #expect(sectors.components(separatedBy: "Proving").count == 2, "sealed once: \(sectors)")
            let refs = try await api().call(\.sectorsRefs)
            #expect(refs.count == 1 && refs.values.allSatisfy { $0.count == 1 }, "\(refs)")
            await markets.terminate()
            await mining.terminate()
        }
    }
}
