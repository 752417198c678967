import APICore
import ChainTypes
import Foundation
import Logging
import MinerConfig
import Multiformats
import PieceCommitment
import StorageMarket
import SubsystemSupport

/// Online deal data: the client pushes the CAR on ``StorageMarket/StorageMarketProtocol/dataPush`` once its deal is
/// accepted; the transfer resumes where it stopped after either side restarts, and no more than
/// `SimultaneousTransfersForStorage` run at once.
extension MarketsActor {
    public func receiveData(for cid: CID, from client: String) async throws -> any DealDataReceiver {
        guard let deal = try deals.deal(cid) else { throw RPCError(.methodError, "no deal with proposal CID \(cid)") }
        guard !deal.ref.isOffline else {
            throw RPCError(.methodError, "deal \(cid) is an offline deal; its data is imported on the provider (storage-deals import-data)")
        }
        guard deal.client == client else { throw RPCError(.unauthorized, "deal \(cid) was proposed by another peer") }
        guard [.waitingForData, .transferring, .providerTransferAwaitRestart].contains(deal.state) else {
            throw RPCError(.methodError, "deal \(cid) is \(deal.state.name), not waiting for data")
        }
        guard let pieceSize = PaddedPieceSize(rawValue: deal.proposal.pieceSize) else {
            throw RPCError(.methodError, "deal \(cid) has an invalid piece size \(deal.proposal.pieceSize)")
        }
        await transferSlots.acquire(limit: await config.current().dealmaking.simultaneousTransfersForStorage)
        do {
            guard let current = try deals.deal(cid), [.waitingForData, .transferring, .providerTransferAwaitRestart].contains(current.state) else {
                throw RPCError(.methodError, "deal \(cid) is no longer waiting for data")
            }
            if current.state != .transferring { try advance(current, .dataTransferInitiated(channel: "\(client)/\(cid)")) }
            try FileManager.default.createDirectory(atPath: staging.path, withIntermediateDirectories: true)
            let target = staging.file(for: cid)
            return try StagedTransfer(partial: staging.partialFile(for: cid), target: target, capacity: pieceSize.unpadded.rawValue) { [weak self] staged in
                await self?.transferEnded(cid, staged: staged)
            }
        } catch {
            await transferSlots.release()
            throw error
        }
    }

    /// A push ended: complete (`staged`, the data goes to VerifyData) or broken (the deal keeps Transferring).
    private func transferEnded(_ cid: CID, staged: String?) async {
        await transferSlots.release()
        guard let staged else { return }
        do {
            guard let deal = try deals.deal(cid) else { return }
            try advance(deal, .dataTransferCompleted(path: staged))
            drive(cid)
        } catch {
            logger.error("deal data received but not recorded", metadata: ["proposal": "\(cid)", "error": "\(error)"])
        }
    }

    /// VerifyData: the pushed data's commitment, zero-padded to the piece, against the proposal's piece CID.
    func verifyData(_ deal: MinerDeal) async throws -> ProviderDealEvent {
        guard let pieceSize = PaddedPieceSize(rawValue: deal.proposal.pieceSize) else {
            return .dataVerificationFailed("invalid piece size \(deal.proposal.pieceSize)")
        }
        let computed = try await staging.pieceCID(of: deal.piecePath, pieceSize: pieceSize)
        guard computed == deal.proposal.pieceCID else {
            return .dataVerificationFailed("given data does not match expected commP (got: \(computed), expected \(deal.proposal.pieceCID))")
        }
        try indexPayload(of: deal, stagedAt: deal.piecePath)
        return .verifiedData(path: deal.piecePath)
    }
}
