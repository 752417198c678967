
/// Storage miner method numbers (builtin-actors `miner::Method`).
public enum MinerMethod: MethodNumber, Sendable, CaseIterable {
    /// Read-only: owner, worker and control addresses.
    case controlAddresses = 2
    /// Owner only: new worker (after a delay) and control addresses (at once).
    case changeWorkerAddress = 3
    /// Owner, worker or control: new libp2p peer ID.
    case changePeerID = 4
    /// Worker or control: a Window PoSt for partitions of the current deadline.
    case submitWindowedPoSt = 5
    /// Worker or control: pre-commit one sector.
    case preCommitSector = 6
    /// Anyone: prove a pre-committed sector.
    case proveCommitSector = 7
    /// Worker or control: terminate sectors early.
    case terminateSectors = 9
    /// Worker or control: declare sectors faulty.
    case declareFaults = 10
    /// Worker or control: declare faulty sectors recovered.
    case declareFaultsRecovered = 11
    /// Owner only: withdraw available balance to the owner.
    case withdrawBalance = 16
    /// Owner, worker or control: new multiaddrs.
    case changeMultiaddrs = 18
    /// Owner only: apply a pending worker change once it is due.
    case confirmChangeWorkerAddress = 21
    /// Worker or control: pre-commit several sectors.
    case preCommitSectorBatch = 25
    /// Worker or control: prove several pre-committed sectors with one aggregate proof.
    case proveCommitAggregate = 26

    /// The builtin-actors method name.
    public var name: String {
        switch self {
        case .controlAddresses: "ControlAddresses"
        case .changeWorkerAddress: "ChangeWorkerAddress"
        case .changePeerID: "ChangePeerID"
        case .submitWindowedPoSt: "SubmitWindowedPoSt"
        case .preCommitSector: "PreCommitSector"
        case .proveCommitSector: "ProveCommitSector"
        case .terminateSectors: "TerminateSectors"
        case .declareFaults: "DeclareFaults"
        case .declareFaultsRecovered: "DeclareFaultsRecovered"
        case .withdrawBalance: "WithdrawBalance"
        case .changeMultiaddrs: "ChangeMultiaddrs"
        case .confirmChangeWorkerAddress: "ConfirmChangeWorkerAddress"
        case .preCommitSectorBatch: "PreCommitSectorBatch"
        case .proveCommitAggregate: "ProveCommitAggregate"
        }
    }
}

/// Storage power method numbers (builtin-actors `power::Method`).
public enum PowerMethod: MethodNumber, Sendable, CaseIterable {
    /// Create a storage miner; the message value goes to the new miner.
    case createMiner = 2

    /// The builtin-actors method name.
    public var name: String { "CreateMiner" }
}

/// Storage market method numbers (builtin-actors `market::Method`).
public enum MarketMethod: MethodNumber, Sendable, CaseIterable {
    /// Deposit the message value into a party's escrow.
    case addBalance = 2
    /// Withdraw unlocked escrow.
    case withdrawBalance = 3
    /// Publish client-signed deals (provider's worker or control).
    case publishStorageDeals = 4

    /// The builtin-actors method name.
    public var name: String {
        switch self {
        case .addBalance: "AddBalance"
        case .withdrawBalance: "WithdrawBalance"
        case .publishStorageDeals: "PublishStorageDeals"
        }
    }
}
