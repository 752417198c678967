
/// The timing of one deadline (go-state-types `dline.Info`), with Lotus's JSON field names.
public struct DeadlineInfo: Sendable, Equatable, Codable {
    /// The epoch this information was computed at.
    public var currentEpoch: ChainEpoch
    /// The start of the proving period this deadline belongs to.
    public var periodStart: ChainEpoch
    /// The deadline index.
    public var index: UInt64
    /// The first epoch a PoSt for it may be submitted.
    public var open: ChainEpoch
    /// The first epoch after the window.
    public var close: ChainEpoch
    /// The epoch whose randomness is the challenge.
    public var challenge: ChainEpoch
    /// The last epoch faults and recoveries for it may be declared is before this.
    public var faultCutoff: ChainEpoch
    /// Deadlines per proving period.
    public var wPoStPeriodDeadlines: UInt64
    /// Epochs per proving period.
    public var wPoStProvingPeriod: ChainEpoch
    /// Epochs per deadline.
    public var wPoStChallengeWindow: ChainEpoch
    /// Challenge lookback.
    public var wPoStChallengeLookback: ChainEpoch
    /// Fault declaration cutoff.
    public var faultDeclarationCutoff: ChainEpoch

    /// The deadline `index` of the period starting at `periodStart`, seen at `currentEpoch`.
    public init(periodStart: ChainEpoch, index: UInt64, currentEpoch: ChainEpoch, network: NetworkParams) {
        self.currentEpoch = currentEpoch
        self.periodStart = periodStart
        self.index = index
        open = periodStart + ChainEpoch(index) * network.wPoStChallengeWindow
        close = open + network.wPoStChallengeWindow
        challenge = open - network.wPoStChallengeLookback
        faultCutoff = open - network.faultDeclarationCutoff
        wPoStPeriodDeadlines = network.wPoStPeriodDeadlines
        wPoStProvingPeriod = network.wPoStProvingPeriod
        wPoStChallengeWindow = network.wPoStChallengeWindow
        wPoStChallengeLookback = network.wPoStChallengeLookback
        faultDeclarationCutoff = network.faultDeclarationCutoff
    }

    /// Whether the window is open at ``currentEpoch``.
    public var isOpen: Bool { currentEpoch >= open && currentEpoch < close }
    /// Whether the window has closed at ``currentEpoch``.
    public var hasElapsed: Bool { currentEpoch >= close }
    /// Whether faults and recoveries for this deadline can no longer be declared.
    public var faultCutoffPassed: Bool { currentEpoch >= faultCutoff }
    /// The last epoch of the window.
    public var last: ChainEpoch { close - 1 }

    /// This deadline's next occurrence that has not closed (Lotus `NextNotElapsed`).
    public func nextNotElapsed(network: NetworkParams) -> DeadlineInfo {
        guard hasElapsed else { return self }
        let periods = (currentEpoch - close) / wPoStProvingPeriod + 1
        return DeadlineInfo(
            periodStart: periodStart + periods * wPoStProvingPeriod, index: index, currentEpoch: currentEpoch,
            network: network)
    }

    enum CodingKeys: String, CodingKey {
        case currentEpoch = "CurrentEpoch", periodStart = "PeriodStart", index = "Index", open = "Open", close = "Close"
        case challenge = "Challenge", faultCutoff = "FaultCutoff", wPoStPeriodDeadlines = "WPoStPeriodDeadlines"
        case wPoStProvingPeriod = "WPoStProvingPeriod", wPoStChallengeWindow = "WPoStChallengeWindow"
        case wPoStChallengeLookback = "WPoStChallengeLookback", faultDeclarationCutoff = "FaultDeclarationCutoff"
    }
}
