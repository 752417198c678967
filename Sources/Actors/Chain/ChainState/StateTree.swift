import ChainTypes

/// Every actor's record, with address resolution, typed access to the singleton actors, a journal to undo a
/// failed message, and a record of which actors changed since the last commit.
public struct StateTree: Sendable {
    /// Actor ID → record.
    public private(set) var actors: [ActorID: ActorRecord]
    /// For each open transaction, the records as they were before it first touched them (`nil`: did not exist).
    private var journal: [[ActorID: ActorRecord?]] = []
    /// Actors changed since the last ``takeChanges()``.
    public private(set) var changed: Set<ActorID> = []

    /// A tree of `records`.
    public init(_ records: [ActorRecord]) {
        actors = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    // MARK: Records

    /// The record of actor `id`.
    public subscript(id: ActorID) -> ActorRecord? { actors[id] }

    /// Stores `record`, journaling the previous value.
    mutating func set(_ record: ActorRecord) {
        if !journal.isEmpty, journal[journal.count - 1][record.id] == nil {
            journal[journal.count - 1][record.id] = .some(actors[record.id])
        }
        actors[record.id] = record
        changed.insert(record.id)
    }

    /// Returns the records changed since the last call, in ID order, and forgets them.
    public mutating func takeChanges() -> [ActorRecord] {
        defer { changed = [] }
        return changed.sorted().compactMap { actors[$0] }
    }

    // MARK: Transactions

    /// Starts a transaction: changes until ``commitTransaction()`` can be undone by ``rollbackTransaction()``.
    mutating func beginTransaction() { journal.append([:]) }

    /// Keeps the changes of the innermost transaction.
    mutating func commitTransaction() {
        let undo = journal.removeLast()
        guard !journal.isEmpty else { return }
        for (id, old) in undo where journal[journal.count - 1][id] == nil { journal[journal.count - 1][id] = .some(old) }
    }

    /// Undoes the changes of the innermost transaction.
    mutating func rollbackTransaction() {
        let undo = journal.removeLast()
        for (id, old) in undo {
            if let old { actors[id] = old } else { actors.removeValue(forKey: id) }
        }
    }

    // MARK: Addresses

    /// The actor ID of `address`: itself for an ID address that exists, else the init actor's map entry.
    public func lookupID(_ address: Address) -> ActorID? {
        if let id = address.id { return actors[id] == nil ? nil : id }
        return initState.addressMap[address]
    }

    /// The key address (`t1…`) of an account actor.
    public func keyAddress(of id: ActorID) -> Address? {
        guard case .account(let account)? = actors[id]?.state else { return nil }
        return account.address
    }

    /// Allocates the next actor ID for `robust` (if given), recording it in the init actor's map.
    mutating func allocateID(for robust: Address?) -> ActorID {
        var state = initState
        let id = state.nextID
        state.nextID += 1
        if let robust { state.addressMap[robust] = id }
        initState = state
        return id
    }

    // MARK: Singletons

    /// The init actor's state.
    public internal(set) var initState: InitState {
        get {
            guard case .initActor(let state)? = actors[BuiltinActor.initActor]?.state else {
                preconditionFailure("the state tree has no init actor")
            }
            return state
        }
        set { update(BuiltinActor.initActor) { $0.state = .initActor(newValue) } }
    }

    /// The power actor's state.
    public internal(set) var powerState: PowerState {
        get {
            guard case .power(let state)? = actors[BuiltinActor.power]?.state else {
                preconditionFailure("the state tree has no power actor")
            }
            return state
        }
        set { update(BuiltinActor.power) { $0.state = .power(newValue) } }
    }

    /// The market actor's state.
    public internal(set) var marketState: MarketState {
        get {
            guard case .market(let state)? = actors[BuiltinActor.market]?.state else {
                preconditionFailure("the state tree has no market actor")
            }
            return state
        }
        set { update(BuiltinActor.market) { $0.state = .market(newValue) } }
    }

    /// The reward actor's state.
    public internal(set) var rewardState: RewardState {
        get {
            guard case .reward(let state)? = actors[BuiltinActor.reward]?.state else {
                preconditionFailure("the state tree has no reward actor")
            }
            return state
        }
        set { update(BuiltinActor.reward) { $0.state = .reward(newValue) } }
    }

    /// The state of miner `id`, if it is a miner.
    public func minerState(_ id: ActorID) -> MinerState? {
        guard case .miner(let state)? = actors[id]?.state else { return nil }
        return state
    }

    /// IDs of every miner, in order.
    public var minerIDs: [ActorID] {
        actors.values.filter { $0.code == .storageminer }.map(\.id).sorted()
    }

    /// Applies `change` to the record of `id`.
    mutating func update(_ id: ActorID, _ change: (inout ActorRecord) -> Void) {
        guard var record = actors[id] else { preconditionFailure("actor \(id) does not exist") }
        change(&record)
        set(record)
    }

    /// Applies `change` to miner `id`'s state (with its balance), storing the result if it succeeds.
    mutating func withMiner<T>(
        _ id: ActorID, _ change: (inout MinerState, TokenAmount) throws(ActorError) -> T
    ) throws(ActorError) -> T {
        guard var record = actors[id], case .miner(var state) = record.state else {
            throw ActorError.notFound("actor t0\(id) is not a storage miner")
        }
        let result = try change(&state, record.balance)
        record.state = .miner(state)
        set(record)
        return result
    }

    // MARK: Balances

    /// Moves `amount` from `from` to `to`.
    /// - Throws: ``ActorError`` with `exitCode` when `from` has less than `amount`.
    mutating func transfer(
        _ amount: TokenAmount, from: ActorID, to: ActorID, insufficient exitCode: ExitCode = .errInsufficientFunds
    ) throws(ActorError) {
        guard amount != .zero, from != to else { return }
        guard let source = actors[from], actors[to] != nil else {
            throw ActorError.notFound("transfer between t0\(from) and t0\(to): actor not found")
        }
        guard source.balance >= amount else {
            throw ActorError(exitCode, "t0\(from) has \(source.balance.fil), cannot send \(amount.fil)")
        }
        update(from) { $0.balance -= amount }
        update(to) { $0.balance += amount }
    }
}
