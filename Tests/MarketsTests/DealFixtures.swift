import ChainTypes
import Foundation
import Multiformats
import PieceCommitment
import StorageMarket

/// Deals and proposals for the provider's unit tests: a client key that signs, a provider at t01000.
enum DealFixtures {
    static let provider = Address(id: 1000)
    static let client = WalletKey.generate()

    /// The piece CID of `bytes` (a real commitment).
    static func pieceCID(_ bytes: [UInt8]) throws -> CID { try PieceDigest.of(bytes).cid }

    /// A proposal signed by ``client``, starting at `start`, lasting `duration` epochs.
    static func signed(
        pieceSize: UInt64 = 2048, start: ChainEpoch = 500, duration: ChainEpoch = 200, price: TokenAmount = .zero,
        label: String = "test", verified: Bool = false, provider: Address = provider, signer: WalletKey = client
    ) throws -> ClientDealProposal {
        let proposal = DealProposal(
            pieceCID: try pieceCID([UInt8](repeating: 7, count: 1000)), pieceSize: pieceSize, verifiedDeal: verified, client: client.address,
            provider: provider, label: label, startEpoch: start, endEpoch: start + duration, storagePricePerEpoch: price,
            providerCollateral: .zero, clientCollateral: .zero)
        return ClientDealProposal(proposal: proposal, clientSignature: try signer.sign(proposal.cborBytes))
    }

    /// A deal as the provider stores it when the proposal arrives.
    static func deal(offline: Bool = true, start: ChainEpoch = 500) throws -> MinerDeal {
        let proposal = try signed(start: start)
        let ref = DataRef(
            transferType: offline ? DataRef.transferTypeManual : DataRef.transferTypeGraphsync, root: proposal.proposal.pieceCID, pieceCID: proposal.proposal.pieceCID,
            pieceSize: 2032)
        return MinerDeal(proposal: proposal, ref: ref, fastRetrieval: true, miner: "12D3KooWprovider", client: "12D3KooWclient", creationTime: "2026-12-02T00:00:00Z")
    }
}
