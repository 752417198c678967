import ChainTypes

/// One actor: its ID, balance, nonce and state. This is the unit the chain persists: every epoch commits the
/// records that changed. JSON: `{"ID":1000,"Code":"storageminer","Balance":"…","Nonce":0,"State":{…}}`.
public struct ActorRecord: Sendable, Equatable, Codable {
    /// The actor ID.
    public var id: ActorID
    /// The balance in attoFIL.
    public var balance: TokenAmount
    /// The next nonce expected from this actor (accounts only).
    public var nonce: UInt64
    /// The actor's state.
    public var state: ActorState

    /// Creates a record.
    public init(id: ActorID, balance: TokenAmount = .zero, nonce: UInt64 = 0, state: ActorState) {
        self.id = id
        self.balance = balance
        self.nonce = nonce
        self.state = state
    }

    /// Which builtin actor this is.
    public var code: ActorCode { state.code }

    /// The `t0…` address.
    public var address: Address { Address(id: id) }

    enum CodingKeys: String, CodingKey {
        case id = "ID", code = "Code", balance = "Balance", nonce = "Nonce", state = "State"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ActorID.self, forKey: .id)
        balance = try c.decode(TokenAmount.self, forKey: .balance)
        nonce = try c.decode(UInt64.self, forKey: .nonce)
        let code = try c.decode(ActorCode.self, forKey: .code)
        switch code {
        case .system: state = .system
        case .cron: state = .cron
        case .`init`: state = .initActor(try c.decode(InitState.self, forKey: .state))
        case .reward: state = .reward(try c.decode(RewardState.self, forKey: .state))
        case .account: state = .account(try c.decode(AccountState.self, forKey: .state))
        case .storagepower: state = .power(try c.decode(PowerState.self, forKey: .state))
        case .storagemarket: state = .market(try c.decode(MarketState.self, forKey: .state))
        case .storageminer: state = .miner(try c.decode(MinerState.self, forKey: .state))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(balance, forKey: .balance)
        try c.encode(nonce, forKey: .nonce)
        switch state {
        case .system, .cron: try c.encodeNil(forKey: .state)
        case .initActor(let s): try c.encode(s, forKey: .state)
        case .reward(let s): try c.encode(s, forKey: .state)
        case .account(let s): try c.encode(s, forKey: .state)
        case .power(let s): try c.encode(s, forKey: .state)
        case .market(let s): try c.encode(s, forKey: .state)
        case .miner(let s): try c.encode(s, forKey: .state)
        }
    }
}

/// The state of one actor, by kind.
public enum ActorState: Sendable, Equatable {
    /// The system actor (no state).
    case system
    /// The cron actor (no state; cron work is done by the chain each epoch).
    case cron
    /// The init actor.
    case initActor(InitState)
    /// The reward actor.
    case reward(RewardState)
    /// An account.
    case account(AccountState)
    /// The storage power actor.
    case power(PowerState)
    /// The storage market actor.
    case market(MarketState)
    /// A storage miner.
    case miner(MinerState)

    /// Which builtin actor this state belongs to.
    public var code: ActorCode {
        switch self {
        case .system: .system
        case .cron: .cron
        case .initActor: .`init`
        case .reward: .reward
        case .account: .account
        case .power: .storagepower
        case .market: .storagemarket
        case .miner: .storageminer
        }
    }
}

/// An account's state: the key address it was created for (Lotus `account.State`).
public struct AccountState: Sendable, Equatable, Codable {
    /// The `t1…` key address (for `t099`, its own ID address).
    public var address: Address

    /// Creates an account state.
    public init(address: Address) { self.address = address }

    enum CodingKeys: String, CodingKey { case address = "Address" }
}

/// The init actor's state: which ID each robust address has, and the next ID (Lotus `init.State`).
public struct InitState: Sendable, Equatable, Codable {
    /// Robust (`t1…`, `t2…`) address → actor ID.
    public var addressMap: StateMap<Address, ActorID>
    /// The ID the next new actor gets.
    public var nextID: ActorID
    /// The network name.
    public var networkName: String

    /// Creates an init state.
    public init(addressMap: StateMap<Address, ActorID> = StateMap(), nextID: ActorID, networkName: String) {
        self.addressMap = addressMap
        self.nextID = nextID
        self.networkName = networkName
    }

    enum CodingKeys: String, CodingKey { case addressMap = "AddressMap", nextID = "NextID", networkName = "NetworkName" }
}

/// The reward actor's state: what it has paid.
public struct RewardState: Sendable, Equatable, Codable {
    /// Total block rewards paid.
    public var totalMined: TokenAmount
    /// Blocks that paid a reward.
    public var rewardedBlocks: UInt64

    /// Creates a reward state.
    public init(totalMined: TokenAmount = .zero, rewardedBlocks: UInt64 = 0) {
        self.totalMined = totalMined
        self.rewardedBlocks = rewardedBlocks
    }

    enum CodingKeys: String, CodingKey { case totalMined = "TotalMined", rewardedBlocks = "RewardedBlocks" }
}
