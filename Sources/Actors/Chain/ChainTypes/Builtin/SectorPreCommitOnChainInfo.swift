/// A pre-committed sector (Lotus `miner.SectorPreCommitOnChainInfo`).
public struct SectorPreCommitOnChainInfo: Sendable, Equatable, Codable {
    /// What the miner pre-committed.
    public var info: SectorPreCommitInfo
    /// The deposit locked for it.
    public var preCommitDeposit: TokenAmount
    /// The epoch it was pre-committed.
    public var preCommitEpoch: ChainEpoch

    /// Creates a pre-commit record.
    public init(info: SectorPreCommitInfo, preCommitDeposit: TokenAmount, preCommitEpoch: ChainEpoch) {
        self.info = info
        self.preCommitDeposit = preCommitDeposit
        self.preCommitEpoch = preCommitEpoch
    }

    enum CodingKeys: String, CodingKey {
        case info = "Info", preCommitDeposit = "PreCommitDeposit", preCommitEpoch = "PreCommitEpoch"
    }
}
