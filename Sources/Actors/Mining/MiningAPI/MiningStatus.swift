/// What the Mining subsystem has done since it started (`MiningStatus`, shown by `lotus-miner info`): blocks won,
/// wins it could not turn into a block (missed: the winning PoSt failed or the chain refused it) or turned into one
/// too late (the chain had moved on), and its Window PoSt messages.
public struct MiningStatus: Codable, Sendable, Equatable {
    /// Epochs this miner won and submitted a block for, accepted by the chain.
    public var blocksWon: UInt64
    /// Won elections whose block was not accepted (its winning PoSt could not be made, or the chain refused it).
    public var missedWins: UInt64
    /// Won elections submitted after the chain had produced the epoch.
    public var lateWins: UInt64
    /// The last epoch won, if any.
    public var lastWinEpoch: Int64?
    /// `SubmitWindowedPoSt` messages sent.
    public var windowPoStsSubmitted: UInt64
    /// Messages of the Window PoSt scheduler the chain failed.
    public var windowPoStFailures: UInt64
    /// Sectors declared faulty.
    public var faultsDeclared: UInt64
    /// Sectors declared recovered.
    public var recoveriesDeclared: UInt64

    /// Creates a status.
    public init(
        blocksWon: UInt64 = 0, missedWins: UInt64 = 0, lateWins: UInt64 = 0, lastWinEpoch: Int64? = nil, windowPoStsSubmitted: UInt64 = 0,
        windowPoStFailures: UInt64 = 0, faultsDeclared: UInt64 = 0, recoveriesDeclared: UInt64 = 0
    ) {
        self.blocksWon = blocksWon
        self.missedWins = missedWins
        self.lateWins = lateWins
        self.lastWinEpoch = lastWinEpoch
        self.windowPoStsSubmitted = windowPoStsSubmitted
        self.windowPoStFailures = windowPoStFailures
        self.faultsDeclared = faultsDeclared
        self.recoveriesDeclared = recoveriesDeclared
    }

    enum CodingKeys: String, CodingKey {
        case blocksWon = "BlocksWon", missedWins = "MissedWins", lateWins = "LateWins", lastWinEpoch = "LastWinEpoch"
        case windowPoStsSubmitted = "WindowPoStsSubmitted", windowPoStFailures = "WindowPoStFailures"
        case faultsDeclared = "FaultsDeclared", recoveriesDeclared = "RecoveriesDeclared"
    }
}
