
/// Options for `MpoolPushMessage` (Lotus `api.MessageSendSpec`): `{"MaxFee":"…","MsgUuid":"…","MaximizeFeeCap":false}`.
public struct MessageSendSpec: Sendable, Equatable, Codable {
    /// The most the message may cost in gas fees (`GasLimit × GasFeeCap`); zero means ``defaultMaxFee``.
    public var maxFee: TokenAmount
    /// Use `MaxFee / GasLimit` as the fee cap instead of the estimate.
    public var maximizeFeeCap: Bool
    /// A client-chosen idempotency key (kept for the API shape; not used by the pool).
    public var msgUuid: String?

    /// Lotus's default `MaxFee`: 0.07 FIL (`DefaultDefaultMaxFee`).
    public static let defaultMaxFee = TokenAmount(attoFIL: 70_000_000_000_000_000)

    /// Creates a spec.
    public init(maxFee: TokenAmount = .zero, maximizeFeeCap: Bool = false, msgUuid: String? = nil) {
        self.maxFee = maxFee
        self.maximizeFeeCap = maximizeFeeCap
        self.msgUuid = msgUuid
    }

    enum CodingKeys: String, CodingKey { case maxFee = "MaxFee", maximizeFeeCap = "MaximizeFeeCap", msgUuid = "MsgUuid" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxFee = try c.decodeIfPresent(TokenAmount.self, forKey: .maxFee) ?? .zero
        maximizeFeeCap = try c.decodeIfPresent(Bool.self, forKey: .maximizeFeeCap) ?? false
        msgUuid = try c.decodeIfPresent(String.self, forKey: .msgUuid)
    }
}
