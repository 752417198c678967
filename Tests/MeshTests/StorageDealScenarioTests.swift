import APICore
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import MinerConfig
import Multiformats
import PieceCommitment
import Repo
import SealingAPI
import StorageMarket
import TestScheduling
import Testing

/// Storage deals end to end, as a client and an operator make them: a proposal on the markets node's libp2p deal
/// protocol, the data imported offline, the deal published and handed to the mining node — a local call in the
/// monolith, a streamed HTTP/2 call across the split — sealed, and followed on chain to Active.
@Suite("Storage deals", .timingSensitive(within: .seconds(5 * 60)))
struct StorageDealScenarioTests {
    /// Deals start soon on this fast devnet; the checks that would refuse that are set as an operator would set them.
    static let quickDeals: @Sendable (inout MinerConfig) -> Void = {
        $0.dealmaking.expectedSealDuration = .seconds(0)
        $0.dealmaking.startEpochSealingBuffer = 10
        $0.dealmaking.publishMsgPeriod = .seconds(0)
    }

    /// The operator's first step: a free ask (go-fil-markets' default ask charges 500000000 attoFIL per GiB per epoch).
    static func freeAsk(_ markets: SubsystemRef<MarketsMethods>) async throws {
        _ = try await markets.call(\.marketSetAsk, TokenAmount.zero, TokenAmount.zero, ChainEpoch(100_000), UInt64(256), UInt64(8 << 20))
    }

    /// Waits until deal `cid` is in `state` (a failed deal fails the test with its message).
    /// With `orLater`, any state after `state` on the happy path counts too.
    static func wait(for state: StorageDealStatus, orLater: Bool = false, deal cid: CID, on markets: SubsystemRef<MarketsMethods>) async throws
        -> MinerDeal
    {
        let path: [StorageDealStatus] = [.awaitingPreCommit, .sealing, .finalizing, .active]
        let accepted = orLater ? Array(path.drop { $0 != state }) + [state] : [state]
        for _ in 0..<TestTime.rounds(900) {
            let deals = try await markets.call(\.marketListIncompleteDeals)
            if let deal = deals.first(where: { $0.proposalCid == cid }) {
                if accepted.contains(deal.state) { return deal }
                if deal.state == .error { throw RPCError(.methodError, "deal \(cid) failed: \(deal.message)") }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RPCError(.methodError, "deal \(cid) did not reach \(state.name) in 90 s")
    }

    @Test("an offline deal: proposed over libp2p, data imported, published, sealed, Active; the piece reads back", arguments: MeshCase.all)
    func offlineDealToActive(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: Self.quickDeals) { mesh in
            let dir = try await SealingScenarioTests.attachPath(mesh)
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await Self.freeAsk(markets)
            try await StorageDealClient.with(mesh) { client in
                let data = DealPieceScenarioTests.payload(1016)
                let proposal = try await client.proposal(for: data, pieceSize: 2048)
                let answer = try await client.propose(proposal)
                #expect(answer.response.state == StorageDealStatus.waitingForData.rawValue, "\(answer.response.message)")
                #expect(answer.response.proposal == proposal.proposal.cid)
                // The answer is signed by the miner's worker.
                let worker = try await client.chain.call(\.stateMinerInfo, try #require(mesh.minerAddress), nil).worker
                let workerKey = try await client.chain.call(\.stateAccountKey, worker, nil)
                try WalletKey.verify(try #require(answer.signature), data: answer.response.signingBytes, signer: workerKey)

                let file = mesh.root.appendingPathComponent("deal.car").path
                try Data(data).write(to: URL(fileURLWithPath: file))
                _ = try await markets.call(\.dealsImportData, proposal.proposal.cid, file)
                let active = try await Self.wait(for: .active, deal: proposal.proposal.cid, on: markets)
                #expect(active.dealID > 0 || active.publishCid != nil)
                #expect(active.publishCid != nil)

                let onChain = try await client.chain.call(\.stateMarketStorageDeal, active.dealID, nil)
                #expect(onChain.state.sectorStartEpoch > 0, "activated on chain")
                #expect(onChain.state.sectorNumber == active.sectorNumber)
                let refs = try await markets.call(\.sectorsRefs)
                #expect(refs[String(active.dealID)] == [SealedRef(sectorID: active.sectorNumber, offset: 0, size: 2032)])
                #expect(try await markets.call(\.piecesListPieces) == [proposal.proposal.pieceCID])
                let info = try await mesh.infoReport().lines()
                #expect(info.contains("Storage Deals: 1, 2 KiB") && info.contains("\tStorageDealActive: 1, 2 KiB"), "\(info)")

                // The sector's unsealed copy holds the data, zero-padded to the piece.
                let unsealed = Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/unsealed/s-t01000-\(active.sectorNumber)")))
                #expect(Array(try Fr32.unpad(Array(unsealed[0..<2048])).prefix(1016)) == data)
            }
        }
    }

    @Test("rejections reach the client with Lotus's reason; a deal whose data does not match its piece CID fails", arguments: MeshCase.all)
    func rejections(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: Self.quickDeals) { mesh in
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await StorageDealClient.with(mesh) { client in
                // The default ask is not free: a zero-price deal is refused for its price, before the policy is asked.
                let unpaid = try await client.propose(try await client.proposal(for: DealPieceScenarioTests.payload(500)))
                #expect(unpaid.response.message == "storage price per epoch less than asking price: 0 < 238")
                let ask = try await markets.call(\.marketGetAsk)
                #expect(ask.ask?.price == TokenAmount(attoFIL: 500_000_000) && ask.ask?.maxPieceSize == 1 << 20, "go-fil-markets' defaults")
                try await Self.freeAsk(markets)
                #expect(try await markets.call(\.marketGetAsk).ask?.seqNo == 1)

                _ = try await markets.call(\.dealsSetConsiderOfflineStorageDeals, false)
                let refused = try await client.propose(try await client.proposal(for: DealPieceScenarioTests.payload(500)))
                #expect(refused.response.state == StorageDealStatus.proposalRejected.rawValue)
                #expect(refused.response.message == "miner is not accepting offline storage deals")
                _ = try await markets.call(\.dealsSetConsiderOfflineStorageDeals, true)

                let data = DealPieceScenarioTests.payload(1016)
                let proposal = try await client.proposal(for: data)
                #expect(try await client.propose(proposal).response.state == StorageDealStatus.waitingForData.rawValue)
                let file = mesh.root.appendingPathComponent("other.car").path
                try Data(DealPieceScenarioTests.payload(1016)).write(to: URL(fileURLWithPath: file))
                let mismatch = await #expect(throws: RPCError.self) { _ = try await markets.call(\.dealsImportData, proposal.proposal.cid, file) }
                #expect(mismatch?.message.contains("given data does not match expected commP") == true, "\(String(describing: mismatch))")
                let failed = await #expect(throws: RPCError.self) { _ = try await Self.wait(for: .active, deal: proposal.proposal.cid, on: markets) }
                #expect(failed?.message.contains("given data does not match expected commP") == true, "the deal ends in Error with the reason")
                #expect(try await mesh.ref(SealingMethods.self, on: mesh.miningNode).call(\.sectorsList).isEmpty, "nothing reached sealing")
            }
        }
    }

    @Test(
        "retrieval by piece CID over HTTP: the whole piece and a range, byte-identical; without the unsealed copy the mining node unseals it; ConsiderOnlineRetrievalDeals refuses",
        arguments: [
            (MeshCase(topology: .monolith, transport: .http2), true), (MeshCase(topology: .split, transport: .http2), true),
            (MeshCase(topology: .split, transport: .http2), false),
        ])
    func retrieveByPieceCID(_ meshCase: MeshCase, sharedStorage: Bool) async throws {
        try await Mesh.with(meshCase, chain: true, configure: Self.quickDeals) { mesh in
            let dir = try await SealingScenarioTests.attachPath(mesh)
            if sharedStorage, meshCase.topology == .split {
                // The runbook's shared storage: the markets node reads the mining node's paths.
                try mesh.marketsNode.repo.setStorageConfig(try mesh.miningNode.repo.storageConfig())
            } else if meshCase.topology == .split {
                // No shared path: the markets node fetches the mining node's unsealed copy over its /remote.
                #expect(try mesh.marketsNode.repo.storageConfig().storagePaths.isEmpty)
            }
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            try await Self.freeAsk(markets)
            let data = DealPieceScenarioTests.payload(1500)
            let cid = try await StorageDealClient.with(mesh) { client in try await client.offlineDeal(data, markets: markets) }
            let deal = try await Self.wait(for: .active, deal: cid, on: markets)
            let piece = deal.proposal.pieceCID
            let port = try #require(mesh.marketsNode.address.split(separator: "/").dropFirst(3).first)
            let url = "http://127.0.0.1:\(port)/piece/\(piece)"
            let expected = data + [UInt8](repeating: 0, count: 2032 - data.count)
            func fetch(_ extra: [String] = []) async throws -> (status: String, body: [UInt8]) {
                let out = mesh.root.appendingPathComponent("retrieved-\(UUID().uuidString.prefix(6))").path
                let result = try await Tools.run("/usr/bin/curl", ["-s", "-o", out, "-w", "%{http_code}"] + extra + [url])
                return (result.stdout, (try? Array(Data(contentsOf: URL(fileURLWithPath: out)))) ?? [])
            }
            let whole = try await fetch()
            #expect(whole.status == "200" && whole.body == expected, "no token needed; the piece as stored, zero-filled to 2032 bytes")
            let ranged = try await fetch(["-r", "100-1599"])
            #expect(ranged.status == "206" && ranged.body == Array(expected[100..<1600]))
            // The deal's data is no CAR, so its DAG store shard could not be indexed, as in Lotus; it says why.
            let shard = try #require(try await markets.call(\.dagstoreListShards).first)
            #expect(shard.key == piece.description && shard.state == DagstoreShardInfo.errored && shard.error.contains("not a readable CAR"), "\(shard)")
            let recover = await #expect(throws: RPCError.self) { _ = try await markets.call(\.dagstoreRecoverShard, shard.key) }
            #expect(recover?.message.contains("not a readable CAR") == true, "rebuilt from the piece, which is still no CAR: \(String(describing: recover))")
            let foreign = await #expect(throws: RPCError.self) { _ = try await markets.call(\.dagstoreRegisterShard, "../../etc") }
            #expect(foreign?.message.contains("no deal of this provider holds piece") == true)

            try FileManager.default.removeItem(atPath: "\(dir)/unsealed/s-t01000-\(deal.sectorNumber)")
            let unsealed = try await fetch(["-r", "1400-"])
            #expect(unsealed.status == "206" && unsealed.body == Array(expected[1400...]), "unsealed again on the mining node")

            _ = try await markets.call(\.dealsSetConsiderOnlineRetrievalDeals, false)
            let refused = try await fetch()
            #expect(refused.status == "403" && String(decoding: refused.body, as: UTF8.self) == "miner is not accepting online retrieval deals\n")
        }
    }
}
