import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import Multiformats
import StorageMarket
import Testing

/// Storage deals on real processes: `lotus daemon`, `lotus-miner run` (the monolith), the operator's
/// `storage-deals` commands, a client on libp2p — and kill -9 of the node while deals are in flight.
@Suite("Storage deals (processes)", .serialized)
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
        let net = try await ChainDevnet.start(blockTime: "100ms")
        do {
            try await killDuringDeals(net)
        } catch {
            Issue.record("daemon log tail: \(net.daemon.log.suffix(1500))")
            await net.tearDown()
            throw error
        }
        await net.tearDown()
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
                let proposal = try await client.proposal(for: data, duration: 3000)
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
        var deals: [MinerDeal] = []
        for _ in 0..<600 {
            deals = try await markets.call(\.marketListIncompleteDeals)
            if deals.count == 4, deals.allSatisfy({ $0.state == .active || $0.state == .error }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
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
}
