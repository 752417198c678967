/// `[Proving]`: Window PoSt and Winning PoSt (mining node only).
public struct ProvingConfig: Sendable, Equatable, Codable {
    /// Maximum number of sector checks to run in parallel. (0 = unlimited)
    public var parallelCheckLimit: Int = 128
    /// Disable Window PoSt computation on the lotus-miner process even if no window PoSt workers are present.
    public var disableBuiltinWindowPoSt: Bool = false
    /// Disable Winning PoSt computation on the lotus-miner process even if no winning PoSt workers are present.
    public var disableBuiltinWinningPoSt: Bool = false
    /// Disable WindowPoSt provable sector readability checks.
    public var disableWDPoStPreChecks: Bool = false
    /// Maximum number of partitions to prove in a single SubmitWindowPoSt messace. 0 = network limit (10 in nv16)
    public var maxPartitionsPerPoStMessage: Int = 0
    /// In some cases when submitting DeclareFaultsRecovered messages,
    /// there may be too many recoveries to fit in a BlockGasLimit.
    /// In those cases it may be necessary to set this value to something low (eg 1);
    /// Note that setting this value lower may result in less efficient gas use - more messages will be sent than
    /// needed,
    /// resulting in more total gas use (but each message will have lower gas limit)
    public var maxPartitionsPerRecoveryMessage: Int = 0

    enum CodingKeys: String, CodingKey {
        case parallelCheckLimit = "ParallelCheckLimit"
        case disableBuiltinWindowPoSt = "DisableBuiltinWindowPoSt"
        case disableBuiltinWinningPoSt = "DisableBuiltinWinningPoSt"
        case disableWDPoStPreChecks = "DisableWDPoStPreChecks"
        case maxPartitionsPerPoStMessage = "MaxPartitionsPerPoStMessage"
        case maxPartitionsPerRecoveryMessage = "MaxPartitionsPerRecoveryMessage"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&parallelCheckLimit, .parallelCheckLimit)
        try container.update(&disableBuiltinWindowPoSt, .disableBuiltinWindowPoSt)
        try container.update(&disableBuiltinWinningPoSt, .disableBuiltinWinningPoSt)
        try container.update(&disableWDPoStPreChecks, .disableWDPoStPreChecks)
        try container.update(&maxPartitionsPerPoStMessage, .maxPartitionsPerPoStMessage)
        try container.update(&maxPartitionsPerRecoveryMessage, .maxPartitionsPerRecoveryMessage)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
