/// A retrieval deal's state, numbered as go-fil-markets `retrievalmarket.DealStatus` (a JSON number on the API).
/// This provider takes the states a free, whole-payload retrieval passes through: ``ongoing`` while the bytes are
/// sent, then ``completed``, ``errored`` or, for a request it refuses, ``rejected``.
public struct RetrievalDealStatus: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static let new = Self(rawValue: 0)
    public static let rejected = Self(rawValue: 9)
    public static let ongoing = Self(rawValue: 13)
    public static let completed = Self(rawValue: 15)
    public static let errored = Self(rawValue: 17)

    /// Lotus's `retrievalmarket.DealStatuses` names, by number.
    static let names = [
        "New", "Unsealing", "Unsealed", "WaitForAcceptance", "PaymentChannelCreating", "PaymentChannelAddingFunds", "Accepted",
        "FundsNeededUnseal", "Failing", "Rejected", "FundsNeeded", "SendFunds", "SendFundsLastPayment", "Ongoing",
        "FundsNeededLastPayment", "Completed", "DealNotFound", "Errored", "BlocksComplete", "Finalizing", "Completing",
        "CheckComplete", "CheckFunds", "InsufficientFunds", "PaymentChannelAllocatingLane", "Cancelling", "Cancelled",
        "RetryLegacy", "WaitForAcceptanceLegacy", "WaitingForLastBlocks", "PaymentChannelAddingInitialFunds", "Erroring",
        "Rejecting", "DealNotFoundCleanup", "FinalizingBlockstore",
    ]

    /// `DealStatus` + the state (`DealStatusCompleted`); empty for a number Lotus does not know, as
    /// `retrieval-deals list` prints it.
    public var name: String {
        rawValue < UInt64(Self.names.count) ? "DealStatus" + Self.names[Int(rawValue)] : ""
    }

    /// Whether the deal is over (nothing more will be sent).
    public var isFinal: Bool { self == .completed || self == .errored || self == .rejected }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
