/// A storage deal's state, numbered as go-fil-markets `storagemarket.StorageDealStatus` (a JSON number on the
/// API, the same numbers on the wire). ``name`` is Lotus's `StorageDeal…` name, ``summary`` its
/// `DealStatesDescriptions` text.
public enum StorageDealStatus: UInt64, Codable, Sendable, CaseIterable {
    case unknown = 0
    case proposalNotFound = 1
    case proposalRejected = 2
    case proposalAccepted = 3
    case staged = 4
    case sealing = 5
    case finalizing = 6
    case active = 7
    case expired = 8
    case slashed = 9
    case rejecting = 10
    case failing = 11
    case fundsReserved = 12
    case checkForAcceptance = 13
    case validating = 14
    case acceptWait = 15
    case startDataTransfer = 16
    case transferring = 17
    case waitingForData = 18
    case verifyData = 19
    case reserveProviderFunds = 20
    case reserveClientFunds = 21
    case providerFunding = 22
    case clientFunding = 23
    case publish = 24
    case publishing = 25
    case error = 26
    case providerTransferAwaitRestart = 27
    case clientTransferRestart = 28
    case awaitingPreCommit = 29
    case transferQueued = 30

    /// Lotus's name, `StorageDeal` + the state (`StorageDealActive`).
    public var name: String {
        let names = [
            "Unknown", "ProposalNotFound", "ProposalRejected", "ProposalAccepted", "Staged", "Sealing", "Finalizing", "Active",
            "Expired", "Slashed", "Rejecting", "Failing", "FundsReserved", "CheckForAcceptance", "Validating", "AcceptWait",
            "StartDataTransfer", "Transferring", "WaitingForData", "VerifyData", "ReserveProviderFunds", "ReserveClientFunds",
            "ProviderFunding", "ClientFunding", "Publish", "Publishing", "Error", "ProviderTransferAwaitRestart",
            "ClientTransferRestart", "AwaitingPreCommit", "TransferQueued",
        ]
        return "StorageDeal" + names[Int(rawValue)]
    }

    /// The state for Lotus's name (`StorageDealActive`, or just `Active`), case-insensitively.
    public init?(name: String) {
        let wanted = name.lowercased()
        guard let found = Self.allCases.first(where: { $0.name.lowercased() == wanted || $0.name.lowercased() == "storagedeal" + wanted })
        else { return nil }
        self = found
    }

    /// A final state: nothing more happens to the deal (an Active deal still expires or is slashed).
    public var isFinal: Bool {
        switch self {
        case .expired, .slashed, .error, .proposalRejected, .proposalNotFound: true
        default: false
        }
    }

    /// The deal will not be stored: rejected or failed.
    public var isFailure: Bool { self == .error || self == .failing || self == .rejecting || self == .proposalRejected }
}
