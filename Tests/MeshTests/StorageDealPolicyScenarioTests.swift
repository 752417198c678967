import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import MinerConfig
import Multiformats
import SealingAPI
import StorageMarket
import TestScheduling
import Testing

/// The provider's policy on every topology: the operator's filter command, publishing in batches, many deals at once,
/// and deal status for the deal's client.
@Suite("Storage deal policy", .timingSensitive(within: .seconds(5 * 60)))
struct StorageDealPolicyScenarioTests {
    static func deals(_ markets: SubsystemRef<MarketsMethods>, _ cids: [CID]) async throws -> [MinerDeal] {
        let all = try await markets.call(\.marketListIncompleteDeals)
        return cids.compactMap { cid in all.first { $0.proposalCid == cid } }
    }

    @Test("the Filter command sees the deal JSON: exit 0 accepts, a non-zero exit rejects with its output, a hung one is killed", arguments: MeshCase.all)
    func filter(_ meshCase: MeshCase) async throws {
        // Accept only labels "scenario"; the shell reads the deal JSON Lotus-style ("Label": "…") on stdin.
        let script = #"deal=$(cat); echo "$deal" | grep -q '"Label": "scenario"' && echo "$deal" | grep -q '"DealType": "storage"' || { echo "label refused by policy"; exit 1; }"#
        try await Mesh.with(meshCase, chain: true, configure: {
            StorageDealScenarioTests.quickDeals(&$0)
            $0.dealmaking.filter = script
        }) { mesh in
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let accepted = try await client.propose(try await client.proposal(for: DealPieceScenarioTests.payload(600)))
                #expect(accepted.response.state == StorageDealStatus.waitingForData.rawValue, "\(accepted.response.message)")
                var other = try await client.proposal(for: DealPieceScenarioTests.payload(600))
                other.proposal.label = "something else"
                other.clientSignature = try await client.chain.call(\.walletSign, other.proposal.client, Base64Bytes(other.proposal.cborBytes))
                let refused = try await client.propose(other)
                #expect(refused.response.state == StorageDealStatus.proposalRejected.rawValue)
                #expect(refused.response.message == "label refused by policy\n")
            }
        }
    }

    @Test("a filter that hangs is killed and the deal rejected; the node keeps taking deals")
    func hungFilter() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .inProcess), chain: true, configure: {
            StorageDealScenarioTests.quickDeals(&$0)
            $0.dealmaking.filter = "sleep 300"
        }) { mesh in
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let answer = try await client.propose(try await client.proposal(for: DealPieceScenarioTests.payload(600)))
                #expect(answer.response.state == StorageDealStatus.proposalRejected.rawValue)
                #expect(answer.response.message.contains("timed out"), "\(answer.response.message)")
            }
        }
    }

    @Test("deals publish in one message once MaxDealsPerPublishMsg wait; pending-publish lists a waiting deal and --publish-now sends it", arguments: MeshCase.all)
    func batching(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: {
            StorageDealScenarioTests.quickDeals(&$0)
            $0.dealmaking.publishMsgPeriod = .hours(1)
            $0.dealmaking.maxDealsPerPublishMsg = 2
        }) { mesh in
            _ = try await SealingScenarioTests.attachPath(mesh)
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let first = try await client.offlineDeal(DealPieceScenarioTests.payload(1016), markets: markets)
                // One deal waits for the period (an hour) or a second deal.
                var pending = try await markets.call(\.marketPendingDeals)
                for _ in 0..<TestTime.rounds(50) where pending.deals.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                    pending = try await markets.call(\.marketPendingDeals)
                }
                #expect(pending.deals.map(\.proposal.cid) == [first])
                #expect(pending.publishPeriod == 3_600_000_000_000)
                let second = try await client.offlineDeal(DealPieceScenarioTests.payload(1016), markets: markets)
                let a = try await StorageDealScenarioTests.wait(for: .awaitingPreCommit, orLater: true, deal: first, on: markets)
                let b = try await StorageDealScenarioTests.wait(for: .awaitingPreCommit, orLater: true, deal: second, on: markets)
                #expect(a.publishCid != nil && a.publishCid == b.publishCid, "both deals in one PublishStorageDeals message")
                #expect(a.dealID != b.dealID)

                let third = try await client.offlineDeal(DealPieceScenarioTests.payload(1016), markets: markets)
                for _ in 0..<TestTime.rounds(50) where try await markets.call(\.marketPendingDeals).deals.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                }
                _ = try await markets.call(\.marketPublishPendingDeals)
                let c = try await StorageDealScenarioTests.wait(for: .awaitingPreCommit, orLater: true, deal: third, on: markets)
                #expect(c.publishCid != nil && c.publishCid != a.publishCid)
                #expect(try await markets.call(\.marketPendingDeals).deals.isEmpty)
            }
        }
    }

    @Test("eight deals at once reach Active, each in its sector with its piece; the client reads each deal's state over libp2p")
    func concurrentDeals() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .http2), chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            _ = try await SealingScenarioTests.attachPath(mesh)
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let payloads = (0..<8).map { _ in DealPieceScenarioTests.payload(2032) }
                let cids = try await withThrowingTaskGroup(of: CID.self) { group in
                    for data in payloads { group.addTask { try await client.offlineDeal(data, markets: markets) } }
                    var cids: [CID] = []
                    for try await cid in group { cids.append(cid) }
                    return cids
                }
                var active: [MinerDeal] = []
                for cid in cids { active.append(try await StorageDealScenarioTests.wait(for: .active, deal: cid, on: markets)) }
                #expect(Set(active.map(\.dealID)).count == 8)
                #expect(Set(active.map(\.sectorNumber)).count == 8, "a 2 KiB piece fills a 2 KiB sector")
                let refs = try await markets.call(\.sectorsRefs)
                #expect(refs.count == 8)

                let status = try await client.status(of: cids[0])
                #expect(status.dealState.state == StorageDealStatus.active.rawValue)
                #expect(status.dealState.dealID == active.first { $0.proposalCid == cids[0] }?.dealID)
            }
        }
    }
}

/// Online deals: the client pushes its data once the deal is accepted.
@Suite("Online storage deals", .timingSensitive(within: .seconds(5 * 60)))
struct OnlineDealScenarioTests {
    @Test("an online deal: the data pushed over libp2p, cut halfway and resumed where it stopped, then Active", arguments: MeshCase.all)
    func pushResumeActive(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            _ = try await SealingScenarioTests.attachPath(mesh)
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let data = DealPieceScenarioTests.payload(2032)
                let proposal = try await client.proposal(for: data)
                #expect(try await client.propose(proposal, offline: false).response.state == StorageDealStatus.waitingForData.rawValue)
                let cid = proposal.proposal.cid
                await #expect(throws: (any Error).self) { _ = try await client.push(data, for: cid, limit: 1000) }
                var deal = try await markets.call(\.marketListIncompleteDeals).first { $0.proposalCid == cid }
                for _ in 0..<TestTime.rounds(50) where deal?.state != .transferring {
                    try await Task.sleep(for: .milliseconds(50))
                    deal = try await markets.call(\.marketListIncompleteDeals).first { $0.proposalCid == cid }
                }
                #expect(deal?.state == .transferring, "a broken transfer waits for the client")
                // `data-transfers list`: the push is an ongoing receiving channel, with the bytes that arrived.
                var broken = try #require(try await markets.call(\.marketListDataTransfers).first)
                for _ in 0..<TestTime.rounds(100) where broken.transferred < 1000 {  // the bytes land in the staged file as they arrive
                    try await Task.sleep(for: .milliseconds(50))
                    broken = try #require(try await markets.call(\.marketListDataTransfers).first)
                }
                #expect(broken.status == .ongoing && broken.transferred == 1000 && !broken.isInitiator && !broken.isSender, "\(broken)")
                #expect(broken.voucher == #"{"Proposal":{"/":"\#(cid)"}}"# && broken.otherPeer == deal?.client)
                #expect(try await client.push(data, for: cid) == 2032, "the rest is sent from where it stopped")
                let active = try await StorageDealScenarioTests.wait(for: .active, deal: cid, on: markets)
                #expect(active.transferChannelId?.hasSuffix(cid.description) == true)
                let done = try await markets.call(\.marketListDataTransfers)
                #expect(done.map(\.status) == [.completed] && done.first?.transferred == 2032, "\(done)")
                // Offline import is refused for an online deal, and a second push after the data is in.
                let imported = await #expect(throws: RPCError.self) { _ = try await markets.call(\.dealsImportData, cid, "/dev/null") }
                #expect(imported?.message.contains("online deal") == true)
                await #expect(throws: (any Error).self) { _ = try await client.push(data, for: cid) }
            }
        }
    }

    @Test("pushed data that does not match the proposal's piece CID fails the deal; nothing reaches sealing")
    func pushMismatch() async throws {
        try await Mesh.with(MeshCase(topology: .split, transport: .http2), chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealScenarioTests.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let proposal = try await client.proposal(for: DealPieceScenarioTests.payload(2032))
                _ = try await client.propose(proposal, offline: false)
                _ = try await client.push(DealPieceScenarioTests.payload(2032), for: proposal.proposal.cid)
                let failed = await #expect(throws: RPCError.self) {
                    _ = try await StorageDealScenarioTests.wait(for: .active, deal: proposal.proposal.cid, on: markets)
                }
                #expect(failed?.message.contains("given data does not match expected commP") == true, "\(String(describing: failed))")
                #expect(try await mesh.ref(SealingMethods.self, on: mesh.miningNode).call(\.sectorsList).isEmpty)
            }
        }
    }
}
