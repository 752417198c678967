
/// One entry of a `ChainNotify` update (Lotus `api.HeadChange`): `{"Type":"current"|"apply"|"revert","Val":TipSet}`.
/// The first update of a subscription is `[current]` with the head at subscription time; each new epoch then
/// arrives as `[apply]`. This devnet never reorganises, so `revert` is never sent.
public struct HeadChange: Sendable, Equatable, Codable {
    /// `current`, `apply` or `revert`.
    public var type: String
    /// The tipset.
    public var val: TipSet

    /// Creates a change.
    public init(type: String, val: TipSet) {
        self.type = type
        self.val = val
    }

    /// The head at subscription time.
    public static func current(_ tipSet: TipSet) -> HeadChange { HeadChange(type: "current", val: tipSet) }
    /// A new head.
    public static func apply(_ tipSet: TipSet) -> HeadChange { HeadChange(type: "apply", val: tipSet) }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case val = "Val"
    }
}
