import APICore
import CLISupport
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import Multiformats
import NetAPI
import PieceCommitment
import Repo
import StorageMarket
import TestScheduling
import Testing

/// The daemon's storage client against the markets node, as `lotus client deal` drives it: the deal proposed by
/// `ClientStartDeal` over the daemon's libp2p host (found through the miner's on-chain peer ID and addresses), the
/// client's escrow reserved, the data imported on the provider, and the client following the deal to Active over
/// `/fil/storage/status/1.1.0` — on every topology and transport.
@Suite("Storage client", .timingSensitive(within: .seconds(5 * 60)))
struct StorageClientScenarioTests {
    /// The operator's step after starting the nodes: the miner's on-chain peer ID and addresses name the markets
    /// node's host (`lotus-miner actor set-peer-id` and `set-addrs`).
    static func announceMarkets(_ mesh: Mesh) async throws {
        let miner = try #require(mesh.minerAddress)
        let actor = MinerActorClient(chain: .remote(try #require(mesh.daemon).client()))
        let markets = try await mesh.ref(NetMethods.self, on: mesh.marketsNode).call(\.netAddrsListen)
        _ = try await actor.setPeerID(markets.id, miner: miner)
        _ = try await actor.setAddrs(markets.addrs, miner: miner)
    }

    /// The steps before a client's deal: a sealing path, a free ask, the markets node announced on chain; returns the
    /// markets API, the daemon's chain and client APIs, and the miner.
    static func readyForDeals(_ mesh: Mesh) async throws
        -> (SubsystemRef<MarketsMethods>, SubsystemRef<FullNodeMethods>, SubsystemRef<ClientMethods>, Address)
    {
        _ = try await SealingScenarioTests.attachPath(mesh)
        let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
        try await StorageDealScenarioTests.freeAsk(markets)
        try await announceMarkets(mesh)
        let (chain, client) = try daemonAPIs(mesh)
        return (markets, chain, client, try #require(mesh.minerAddress))
    }

    /// The daemon's chain and storage client, over the mesh's transport.
    static func daemonAPIs(_ mesh: Mesh) throws -> (SubsystemRef<FullNodeMethods>, SubsystemRef<ClientMethods>) {
        let daemon = try #require(mesh.daemon)
        return (.remote(try daemon.client()), .remote(try daemon.client()))
    }

    /// Offline deal parameters for `data` (2032 bytes: exactly a 2 KiB piece), starting 300 epochs from now.
    static func params(for data: [UInt8], chain: SubsystemRef<FullNodeMethods>, miner: Address, price: TokenAmount) async throws
        -> StartDealParams
    {
        let piece = try PieceDigest.of(data).cid
        let network = try await chain.call(\.stateGetNetworkParams)
        let head = try await chain.call(\.chainHead).height
        return StartDealParams(
            data: DataRef(transferType: DataRef.transferTypeManual, root: piece, pieceCID: piece, pieceSize: 2032),
            wallet: try await chain.call(\.walletDefaultAddress), miner: miner, epochPrice: price,
            minBlocksDuration: UInt64(network.dealMinDuration + 10), dealStartEpoch: head + 300)
    }

    /// Polls `ClientGetDealInfo` until the deal is in `state` (a failed deal fails the test with its message).
    static func wait(for state: StorageDealStatus, deal cid: CID, on client: SubsystemRef<ClientMethods>) async throws -> DealInfo {
        for _ in 0..<TestTime.rounds(900) {
            let info = try await client.call(\.clientGetDealInfo, cid)
            if info.state == state { return info }
            if info.state == .error { throw RPCError(.methodError, "deal \(cid) failed: \(info.message)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RPCError(.methodError, "deal \(cid) did not reach \(state.name) in 90 s")
    }

    @Test("ClientStartDeal makes an offline deal with the markets node; escrow is reserved; the client follows it to Active", arguments: MeshCase.all)
    func offlineDealToActive(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            let (markets, chain, client, miner) = try await Self.readyForDeals(mesh)

            let data = DealPieceScenarioTests.payload(2032)
            let params = try await Self.params(for: data, chain: chain, miner: miner, price: 1000)
            #expect(try await chain.call(\.stateMarketBalance, params.wallet, nil).escrow == .zero)
            let proposal = try await client.call(\.clientStartDeal, params)

            // The client reserved price × duration in escrow before proposing.
            let info = try await client.call(\.clientGetDealInfo, proposal)
            #expect(info.state == .waitingForData, "\(info.message)")
            #expect(info.pieceCID == params.data.pieceCID && info.size == 2032 && info.provider == miner && info.pricePerEpoch == 1000)
            let requirement = try #require(TokenAmount(attoFIL: 1000).multipliedReportingOverflow(by: Int64(info.duration)))
            #expect(info.duration >= UInt64(params.minBlocksDuration))
            #expect(try await chain.call(\.stateMarketBalance, params.wallet, nil).escrow == requirement)

            // The provider has it, with the client's data reference; the operator imports the data.
            let providerDeal = try #require(try await markets.call(\.marketListIncompleteDeals).first { $0.proposalCid == proposal })
            #expect(providerDeal.ref.transferType == DataRef.transferTypeManual)
            #expect(providerDeal.proposal.label.hasPrefix("u"), "the data root in multibase base64url")
            let file = mesh.root.appendingPathComponent("client-deal.car").path
            try Data(data).write(to: URL(fileURLWithPath: file))
            _ = try await markets.call(\.dealsImportData, proposal, file)

            let active = try await Self.wait(for: .active, deal: proposal, on: client)
            let published = try #require(try await markets.call(\.marketListIncompleteDeals).first { $0.proposalCid == proposal })
            #expect(active.dealID == published.dealID && published.publishCid != nil)
            let onChain = try await chain.call(\.stateMarketStorageDeal, active.dealID, nil)
            #expect(onChain.proposal.cid == proposal && onChain.state.sectorStartEpoch > 0)
            #expect(try await client.call(\.clientListDeals).map(\.proposalCid) == [proposal])
        }
    }

    @Test("ClientQueryAsk returns the provider's ask; a rejection reaches the client's deal with the provider's reason; an online deal needs an import", arguments: MeshCase.all)
    func askAndRejection(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            let markets = try mesh.ref(MarketsMethods.self, on: mesh.marketsNode)
            _ = try await markets.call(\.marketSetAsk, TokenAmount.zero, TokenAmount(attoFIL: 7), ChainEpoch(100_000), UInt64(256), UInt64(8 << 20))
            try await Self.announceMarkets(mesh)
            let (chain, client) = try Self.daemonAPIs(mesh)
            let miner = try #require(mesh.minerAddress)

            let peer = try PeerID(bytes: try await chain.call(\.stateMinerInfo, miner, nil).peerID)
            let ask = try await client.call(\.clientQueryAsk, peer, miner)
            #expect(ask == (try await markets.call(\.marketGetAsk)).ask)
            #expect(ask.verifiedPrice == TokenAmount(attoFIL: 7) && ask.maxPieceSize == 8 << 20)

            _ = try await markets.call(\.dealsSetConsiderOfflineStorageDeals, false)
            let params = try await Self.params(for: DealPieceScenarioTests.payload(2032), chain: chain, miner: miner, price: .zero)
            let proposal = try await client.call(\.clientStartDeal, params)
            let rejected = try await client.call(\.clientGetDealInfo, proposal)
            #expect(rejected.state == .error)
            #expect(rejected.message.contains("miner is not accepting offline storage deals"), "\(rejected.message)")
            #expect(rejected.message.contains("StorageDealProposalRejected"), "\(rejected.message)")
            #expect(try await client.call(\.clientListDeals).first?.state == .error)

            var online = params
            online.data.transferType = DataRef.transferTypeGraphsync
            online.dealStartEpoch += 1
            let refused = await #expect(throws: RPCError.self) { _ = try await client.call(\.clientStartDeal, online) }
            #expect(refused?.message.contains("lotus client import") == true, "\(String(describing: refused))")
        }
    }

    @Test("an online deal: ClientStartDeal finds the imported CAR by its data CID, pushes it to the markets node, and follows the deal to Active", arguments: MeshCase.all)
    func onlineDealToActive(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true, configure: StorageDealScenarioTests.quickDeals) { mesh in
            let (markets, chain, client, miner) = try await Self.readyForDeals(mesh)

            // What `lotus client import` leaves in the daemon's repo: the CAR and its record.
            let data = DealPieceScenarioTests.payload(2000)
            let digest = try PieceDigest.of(data)
            let root = CID.dagCBORBlake2b256(of: data)
            let imports = try #require(mesh.daemon).repo.path.appending("imports")
            try FileManager.default.createDirectory(atPath: imports, withIntermediateDirectories: true)
            try Data(data).write(to: URL(fileURLWithPath: imports + "/1.car"))
            let record = ImportRecord(
                id: 1, source: "payload", car: imports + "/1.car", root: root,
                piece: ImportedPiece(
                    root: digest.cid, size: digest.paddedSize.unpadded.rawValue, paddedSize: digest.paddedSize.rawValue,
                    payloadSize: UInt64(data.count), pieceCIDv2: digest.cidV2.description))
            try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: imports + "/1.json"))

            var params = try await Self.params(for: data, chain: chain, miner: miner, price: .zero)
            params.data = DataRef(transferType: DataRef.transferTypeGraphsync, root: root)
            let proposal = try await client.call(\.clientStartDeal, params)
            let active = try await Self.wait(for: .active, deal: proposal, on: client)
            #expect(active.pieceCID == digest.cid && active.size == 2032)
            let providerDeal = try #require(try await markets.call(\.marketListIncompleteDeals).first { $0.proposalCid == proposal })
            #expect(providerDeal.ref.transferType == DataRef.transferTypeGraphsync && providerDeal.state == .active)

            // Retrieval by data CID over the markets node's libp2p host (a split markets node reads the shared path).
            try mesh.marketsNode.repo.setStorageConfig(try mesh.miningNode.repo.storageConfig())
            let out = mesh.root.appendingPathComponent("retrieved.car").path
            _ = try await client.call(\.clientRetrieve, RetrievalOrder(root: root, miner: miner), FileRef(path: out, isCAR: true))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == data, "the bytes the deal stored")
            #expect(try await markets.call(\.piecesListCidInfos) == [root])
            let unknown = await #expect(throws: RPCError.self) {
                _ = try await client.call(\.clientRetrieve, RetrievalOrder(root: digest.cid, miner: miner), FileRef(path: out, isCAR: true))
            }
            #expect(unknown?.message.contains("is not held by any deal") == true, "\(String(describing: unknown))")

            // Each retrieval is a retrieval deal on the markets node: the one served, completed with its bytes; the
            // refused one, with its reason. `info` counts the completed ones.
            let retrievals = try await markets.call(\.marketListRetrievalDeals)
            #expect(retrievals.map(\.id) == [0, 1] && Set(retrievals.map(\.receiver)).count == 1, "\(retrievals)")
            #expect(retrievals.first?.receiver.hasPrefix("12D3KooW") == true, "the client's peer ID")
            #expect(retrievals.first.map { ($0.payloadCID, $0.status, $0.totalSent, $0.pieceCID) } ?? (root, .new, 0, nil) == (root, .completed, UInt64(data.count), digest.cid))
            #expect(retrievals.last?.status == .rejected && retrievals.last?.message.contains("is not held by any deal") == true)
            let info = try await mesh.infoReport().lines()
            #expect(info.contains("Retrieval Deals (complete): 1, 1.953 KiB"), "\(info)")
        }
    }
}
