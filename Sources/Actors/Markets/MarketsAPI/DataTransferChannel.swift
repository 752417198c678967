import Multiformats

/// A data transfer as `MarketListDataTransfers` lists it (Lotus `api.DataTransferChannel`): on this provider, a
/// client's push of an online deal's CAR — the client initiates and sends, the provider receives.
public struct DataTransferChannel: Sendable, Equatable, Codable {
    public var transferID: UInt64
    public var status: DataTransferStatus
    /// The root of the DAG transferred (the deal's data CID).
    public var baseCID: CID
    public var isInitiator: Bool
    public var isSender: Bool
    /// The storage voucher, as JSON (`{"Proposal":{"/":"bafy…"}}`).
    public var voucher: String
    public var message: String
    /// The other side's libp2p peer ID.
    public var otherPeer: String
    /// Bytes received so far.
    public var transferred: UInt64

    public init(
        transferID: UInt64, status: DataTransferStatus, baseCID: CID, isInitiator: Bool, isSender: Bool, voucher: String, message: String,
        otherPeer: String, transferred: UInt64
    ) {
        self.transferID = transferID
        self.status = status
        self.baseCID = baseCID
        self.isInitiator = isInitiator
        self.isSender = isSender
        self.voucher = voucher
        self.message = message
        self.otherPeer = otherPeer
        self.transferred = transferred
    }

    enum CodingKeys: String, CodingKey {
        case transferID = "TransferID", status = "Status", baseCID = "BaseCID", isInitiator = "IsInitiator", isSender = "IsSender"
        case voucher = "Voucher", message = "Message", otherPeer = "OtherPeer", transferred = "Transferred"
    }
}

/// go-data-transfer's channel status (`datatransfer.Status`), a JSON number; ``name`` is its `Statuses` text.
public enum DataTransferStatus: UInt64, Sendable, Codable, CaseIterable {
    case requested = 0, ongoing, transferFinished, responderCompleted, finalizing, completing, completed, failing, failed, cancelling
    case cancelled, initiatorPaused, responderPaused, bothPaused, responderFinalizing, responderFinalizingTransferFinished
    case channelNotFoundError

    public var name: String {
        [
            "Requested", "Ongoing", "TransferFinished", "ResponderCompleted", "Finalizing", "Completing", "Completed", "Failing", "Failed",
            "Cancelling", "Cancelled", "InitiatorPaused", "ResponderPaused", "BothPaused", "ResponderFinalizing",
            "ResponderFinalizingTransferFinished", "ChannelNotFoundError",
        ][Int(rawValue)]
    }
}
