import APICore
import Foundation
import MarketsAPI
import StorageMarket

/// `MarketListDataTransfers`: the online deals' pushes as data-transfer channels, read from the deals themselves (a
/// push is a deal's Transferring state and its staged file), numbered by the deals' order.
extension MarketsActor {
    public func listDataTransfers() async throws -> [DataTransferChannel] {
        var channels: [DataTransferChannel] = []
        for deal in try deals.all() where !deal.ref.isOffline && deal.transferChannelId != nil {
            let status: DataTransferStatus
            var transferred: UInt64 = 0
            switch deal.state {
            case .transferring, .providerTransferAwaitRestart:
                // After a provider restart the push waits for its client (the initiator) to resume it.
                status = deal.state == .transferring ? .ongoing : .initiatorPaused
                transferred = DealStaging.size(of: staging.partialFile(for: deal.proposalCid))
            case _ where deal.piecePath.isEmpty:
                status = .failed
            default:
                status = .completed
                let staged = DealStaging.size(of: deal.piecePath)
                transferred = staged > 0 ? staged : (try pieces.payload(deal.ref.root)?.pieceBlockLocations.first?.blockSize ?? 0)
            }
            channels.append(
                DataTransferChannel(
                    transferID: UInt64(channels.count), status: status, baseCID: deal.ref.root, isInitiator: false, isSender: false,
                    voucher: #"{"Proposal":{"/":"\#(deal.proposalCid)"}}"#, message: status == .failed ? deal.message : "", otherPeer: deal.client,
                    transferred: transferred))
        }
        return channels
    }
}
