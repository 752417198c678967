import APICore
import ChainTypes
import FullNodeAPI
import Multiformats

/// Publishes a storage deal on the devnet chain the way the markets node will — the client (the daemon's default
/// wallet) signs the proposal, the provider's worker sends `PublishStorageDeals` — for tests and benchmarks that hand
/// pieces to the mining node before the markets node makes deals itself. Zero price and collateral: no escrow needed.
public struct DealPublisher: Sendable {
    public let chain: SubsystemRef<FullNodeMethods>
    public let provider: Address

    public init(chain: SubsystemRef<FullNodeMethods>, provider: Address) {
        self.chain = chain
        self.provider = provider
    }

    /// The published deal: its ID, the publish message and the proposal.
    public struct Published: Sendable {
        public var dealID: UInt64
        public var publishCid: CID
        public var proposal: DealProposal
    }

    /// Publishes a deal for `pieceCID` of `pieceSize` padded bytes, starting `startIn` epochs from now.
    public func publish(pieceCID: CID, pieceSize: UInt64, startIn: ChainEpoch = 300) async throws -> Published {
        let client = try await chain.call(\.walletDefaultAddress)
        let network = try await chain.call(\.stateGetNetworkParams)
        let head = try await chain.call(\.chainHead).height
        let proposal = DealProposal(
            pieceCID: pieceCID, pieceSize: pieceSize, client: client, provider: provider, label: "test deal", startEpoch: head + startIn,
            endEpoch: head + startIn + network.dealMinDuration + 10, storagePricePerEpoch: .zero, providerCollateral: .zero, clientCollateral: .zero)
        let signature = try await chain.call(\.walletSign, client, Base64Bytes(proposal.cborBytes))
        let worker = try await chain.call(\.stateMinerInfo, provider, nil).worker
        let params = PublishStorageDealsParams(deals: [ClientDealProposal(proposal: proposal, clientSignature: signature)])
        let message = Message(
            to: Address(id: BuiltinActor.market), from: worker, value: .zero, method: MarketMethod.publishStorageDeals.rawValue,
            params: params.encoded)
        let signed = try await chain.call(\.mpoolPushMessage, message, nil)
        let lookup = try await chain.call(\.stateWaitMsg, signed.cid, UInt64(0), ChainEpoch(-1), true)
        guard lookup.receipt.exitCode.isSuccess else {
            throw RPCError(.methodError, "PublishStorageDeals failed: \(lookup.receipt.exitCode) \(lookup.receipt.error ?? "")")
        }
        let result = try PublishStorageDealsReturn.decode(lookup.receipt.returnValue, method: "PublishStorageDeals")
        guard let id = result.ids.first else { throw RPCError(.methodError, "PublishStorageDeals returned no deal ID") }
        return Published(dealID: id, publishCid: signed.cid, proposal: proposal)
    }
}
