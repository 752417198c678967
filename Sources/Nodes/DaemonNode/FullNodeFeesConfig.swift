import MinerConfig

/// `[Fees]` of the full node (Lotus `FeeConfig`).
public struct FullNodeFeesConfig: Sendable, Equatable {
    /// The `MaxFee` of `MpoolPushMessage` when the caller's `MessageSendSpec` leaves it zero or absent.
    public var defaultMaxFee = FIL(attoFIL: 70_000_000_000_000_000)

    /// Lotus's default: 0.07 FIL.
    public init() {}

    /// The table's keys.
    public static let configSection = ConfigSection<FullNodeFeesConfig>("Fees", [
        .init("Fees", "DefaultMaxFee", \.defaultMaxFee, goType: "types.FIL", doc: """
            The most a message sent with MpoolPushMessage pays in fees (gas limit × fee cap)
            when the caller sets no MaxFee.
            """),
    ])
}
