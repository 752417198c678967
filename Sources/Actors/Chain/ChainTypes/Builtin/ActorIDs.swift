/// An actor's ID, the number in its `t0…` address.
public typealias ActorID = UInt64

/// A sector number within a miner.
public typealias SectorNumber = UInt64

/// A storage deal's ID in the market actor.
public typealias DealID = UInt64

/// Which builtin actor an actor runs, by the builtin-actors manifest name.
public enum ActorCode: String, Sendable, Hashable, Codable {
    /// `t00`: the system actor (devnet block producer's address; sends cron).
    case system
    /// `t01`: the init actor (address → ID map).
    case `init`
    /// `t02`: the reward actor (pays block rewards from its balance).
    case reward
    /// `t03`: the cron actor.
    case cron
    /// A wallet (`t1…`), and the burnt-funds actor `t099`.
    case account
    /// `t04`: the storage power actor.
    case storagepower
    /// `t05`: the storage market actor.
    case storagemarket
    /// A storage miner.
    case storageminer
}

/// The well-known singleton actors (go-state-types `builtin` addresses).
public enum BuiltinActor {
    /// `t00`.
    public static let system: ActorID = 0
    /// `t01`.
    public static let initActor: ActorID = 1
    /// `t02`.
    public static let reward: ActorID = 2
    /// `t03`.
    public static let cron: ActorID = 3
    /// `t04`.
    public static let power: ActorID = 4
    /// `t05`.
    public static let market: ActorID = 5
    /// `t099`: where burnt fees and penalties go.
    public static let burntFunds: ActorID = 99
    /// The first ID given to genesis accounts (Lotus `AccountStart`).
    public static let firstGenesisAccount: ActorID = 100
    /// The first ID given after genesis, miners and new accounts alike (Lotus `MinerStart`).
    public static let firstNonGenesis: ActorID = 1000
}
