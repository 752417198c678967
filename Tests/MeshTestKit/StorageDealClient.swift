import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Libp2p
import Logging
import MarketsAPI
import MinerNode
import Multiformats
import PieceCommitment
import StorageMarket
import StorageMarketNetwork
import Testing

/// A storage client for the deal scenarios and process tests: its own libp2p host (as the client's node would have),
/// the daemon's default wallet as the deal's client, proposals sent on `/fil/storage/mk/1.1.0` to a markets node.
public struct StorageDealClient: Sendable {
    public let chain: SubsystemRef<FullNodeMethods>
    public let host: Libp2pHost
    public let provider: PeerID
    /// The miner actor the deals are for.
    public let miner: Address
    /// Where imported deal data is written.
    public let scratch: URL

    /// Runs `body` with a client connected to the markets node at `address` (a loopback multiaddr) with peer ID `peer`.
    public static func with<T: Sendable>(
        chain: SubsystemRef<FullNodeMethods>, provider address: Multiaddr, peer: PeerID, miner: Address, scratch: URL,
        _ body: (StorageDealClient) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "deal-client")
        logger.logLevel = .warning
        let host = Libp2pHost(
            config: Libp2pHostConfig(identity: Libp2pPrivateKey.generate(), listenAddresses: [try Multiaddr("/ip4/127.0.0.1/tcp/0")]),
            logger: logger)
        let running = Task { try await host.run() }
        defer {
            host.beginShutdown()
            running.cancel()
        }
        _ = try await host.waitUntilListening()
        let connected = try await host.connect(try address.appending(.p2p(peer)))
        return try await body(StorageDealClient(chain: chain, host: host, provider: connected, miner: miner, scratch: scratch))
    }

    /// Runs `body` with a client connected to `mesh`'s markets node.
    public static func with<T: Sendable>(_ mesh: Mesh, _ body: (StorageDealClient) async throws -> T) async throws -> T {
        let markets = try #require(mesh.marketsNode.node.libp2p)
        // The node listens on every interface; the client dials it on loopback.
        let listening = try #require(try await markets.waitUntilListening().first { $0.description.hasPrefix("/ip4/") })
        let address = try Multiaddr(listening.description.replacingOccurrences(of: "/ip4/0.0.0.0/", with: "/ip4/127.0.0.1/"))
        return try await with(
            chain: .remote(try #require(mesh.daemon).client()), provider: address, peer: markets.peerID, miner: try #require(mesh.minerAddress),
            scratch: mesh.root, body)
    }

    /// A proposal for `data` (its piece padded to `pieceSize`, or the smallest piece that holds it), signed by the
    /// daemon's default wallet, starting `startIn` epochs from now and lasting `duration` epochs (the shortest the chain
    /// allows, plus 10, by default).
    public func proposal(
        for data: [UInt8], pieceSize: UInt64? = nil, startIn: ChainEpoch = 300, duration: ChainEpoch? = nil, price: TokenAmount = .zero
    ) async throws
        -> ClientDealProposal
    {
        let digest = try PieceDigest.of(data)
        let size = pieceSize ?? digest.paddedSize.rawValue
        let commitment = try UnsealedCommitment.cid(
            pieces: [PieceInfo(size: digest.paddedSize, commitment: digest.commitment)], sectorSize: try PaddedPieceSize(validating: size))
        let client = try await chain.call(\.walletDefaultAddress)
        let network = try await chain.call(\.stateGetNetworkParams)
        let head = try await chain.call(\.chainHead).height
        let proposal = DealProposal(
            pieceCID: commitment, pieceSize: size, client: client, provider: miner, label: "scenario",
            startEpoch: head + startIn, endEpoch: head + startIn + (duration ?? network.dealMinDuration + 10), storagePricePerEpoch: price,
            providerCollateral: .zero, clientCollateral: .zero)
        let signature = try await chain.call(\.walletSign, client, Base64Bytes(proposal.cborBytes))
        return ClientDealProposal(proposal: proposal, clientSignature: signature)
    }

    /// Proposes an offline deal for `proposal` and returns the provider's signed answer.
    public func propose(_ proposal: ClientDealProposal, offline: Bool = true) async throws -> SignedDealResponse {
        let ref = DataRef(
            transferType: offline ? DataRef.transferTypeManual : DataRef.transferTypeGraphsync, root: proposal.proposal.pieceCID,
            pieceCID: proposal.proposal.pieceCID, pieceSize: proposal.proposal.pieceSize - proposal.proposal.pieceSize / 128)
        return try await StorageMarketClient(host: host).propose(
            DealProposalMessage(dealProposal: proposal, piece: ref, fastRetrieval: true), to: provider)
    }

    /// An offline deal for `data`: proposed (it must be accepted), then its data imported on the markets node as the
    /// operator does with `storage-deals import-data`; it starts `startIn` epochs from now. Returns the proposal CID.
    public func offlineDeal(
        _ data: [UInt8], pieceSize: UInt64? = nil, startIn: ChainEpoch = 300, markets: SubsystemRef<MarketsMethods>
    ) async throws -> CID {
        let proposal = try await proposal(for: data, pieceSize: pieceSize, startIn: startIn)
        let answer = try await propose(proposal)
        guard answer.response.state == StorageDealStatus.waitingForData.rawValue else {
            throw RPCError(.methodError, "deal rejected: \(answer.response.message)")
        }
        let file = scratch.appendingPathComponent("\(proposal.proposal.cid).data").path
        try Data(data).write(to: URL(fileURLWithPath: file))
        _ = try await markets.call(\.dealsImportData, proposal.proposal.cid, file)
        return proposal.proposal.cid
    }

    /// The provider's view of deal `cid`, asked on `/fil/storage/status/1.1.0` with a request signed by the client.
    public func status(of cid: CID) async throws -> DealStatusResponse {
        let client = try await chain.call(\.walletDefaultAddress)
        let signature = try await chain.call(\.walletSign, client, Base64Bytes(DealStatusRequest.signingBytes(proposal: cid)))
        return try await StorageMarketClient(host: host).dealStatus(DealStatusRequest(proposal: cid, signature: signature), from: provider)
    }

    /// Pushes `data` for online deal `cid` (from where the provider says it stopped, at most `limit` bytes of it when
    /// given — a transfer cut short on purpose) and returns the bytes the provider holds.
    public func push(_ data: [UInt8], for cid: CID, limit: Int? = nil) async throws -> UInt64 {
        try await StorageMarketClient(host: host).push(cid, to: provider) { from in
            let start = Int(clamping: from)
            let slice = Array(data[min(start, data.count)..<min(limit ?? data.count, data.count)])
            return AsyncThrowingStream { continuation in
                var offset = 0
                while offset < slice.count {
                    continuation.yield(Array(slice[offset..<min(offset + 4096, slice.count)]))
                    offset += 4096
                }
                // Cut short: the stream is reset, as when a client goes away mid-transfer.
                continuation.finish(throwing: limit.map { $0 < data.count ? RPCError(.methodError, "transfer cut at \($0) bytes") : nil } ?? nil)
            }
        }
    }

    /// Proposes an online deal for `data` and pushes the data. Returns the proposal CID.
    public func onlineDeal(_ data: [UInt8], pieceSize: UInt64? = nil) async throws -> CID {
        let proposal = try await proposal(for: data, pieceSize: pieceSize)
        let answer = try await propose(proposal, offline: false)
        guard answer.response.state == StorageDealStatus.waitingForData.rawValue else {
            throw RPCError(.methodError, "deal rejected: \(answer.response.message)")
        }
        _ = try await push(data, for: proposal.proposal.cid)
        return proposal.proposal.cid
    }
}
