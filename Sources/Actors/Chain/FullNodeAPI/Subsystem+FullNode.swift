import APICore

extension Subsystem {
    /// The chain daemon's API (Lotus `api.FullNode` without `Common`): chain, state, mpool, wallet, market.
    public static let fullNode = Subsystem(rawValue: "FullNode")
}
