import ChainTypes
import Multiformats

/// The devnet chain: state, head and the rules that advance it one epoch. Deterministic and pure — no clocks, no
/// I/O: the daemon gives it the time, the messages and (optionally) a winner's submission, stores the returned
/// ``EpochCommit`` through ``ChainPersistence`` and only then keeps the advanced value.
///
/// ```swift
/// var next = chain
/// let commit = try next.advance(messages: pool.select(for: chain), submission: winner, timestamp: now)
/// try store.commit(commit)   // one transaction
/// chain = next
/// ```
public struct DevnetChain: Sendable {
    /// Network parameters.
    public let network: NetworkParams
    /// Every actor.
    public private(set) var tree: StateTree
    /// The head and its roots.
    public private(set) var head: ChainHead
    /// Randomness of recent epochs.
    public private(set) var randomness: ChainRandomness
    /// Checks proof bytes (the sealing issue installs its data-dependent verifier).
    public var verifier: any ProofVerifier
    /// Per-actor digests behind the state root.
    private var digests: [ActorID: [UInt8]]

    /// The producer address of blocks without a winning miner (`t00`).
    public static let devnetProducer = Address(id: BuiltinActor.system)

    // MARK: Genesis and resume

    /// A new chain: the builtin actors, `accounts` funded (`t0100`, `t0101`, … in order), the reward pool, and the
    /// genesis tipset at `timestamp`. Commit the returned ``EpochCommit`` before using the chain.
    /// - Throws: ``ChainStateError`` for invalid parameters or accounts.
    public static func genesis(
        network: NetworkParams, accounts: [(address: Address, balance: TokenAmount)], timestamp: UInt64,
        verifier: any ProofVerifier = StructuralProofVerifier()
    ) throws(ChainStateError) -> (chain: DevnetChain, commit: EpochCommit) {
        try network.validate()
        var initState = InitState(nextID: BuiltinActor.firstNonGenesis, networkName: network.networkName)
        var records: [ActorRecord] = [
            ActorRecord(id: BuiltinActor.system, state: .system),
            ActorRecord(id: BuiltinActor.reward, balance: network.rewardPool, state: .reward(RewardState())),
            ActorRecord(id: BuiltinActor.cron, state: .cron),
            ActorRecord(id: BuiltinActor.power, state: .power(PowerState())),
            ActorRecord(id: BuiltinActor.market, state: .market(MarketState())),
            ActorRecord(
                id: BuiltinActor.burntFunds, state: .account(AccountState(address: Address(id: BuiltinActor.burntFunds)))),
        ]
        var total = network.rewardPool
        for (index, account) in accounts.enumerated() {
            guard account.address.kind == .secp256k1 || account.address.kind == .bls else {
                throw ChainStateError(.invalidArgument, "genesis account \(account.address) is not a key address (t1… or t3…)")
            }
            guard initState.addressMap[account.address] == nil, !account.balance.isNegative else {
                throw ChainStateError(.invalidArgument, "genesis account \(account.address) is listed twice or has a negative balance")
            }
            let id = BuiltinActor.firstGenesisAccount + ActorID(index)
            guard id < BuiltinActor.firstNonGenesis else {
                throw ChainStateError(.invalidArgument, "at most \(BuiltinActor.firstNonGenesis - BuiltinActor.firstGenesisAccount) genesis accounts")
            }
            initState.addressMap[account.address] = id
            records.append(ActorRecord(id: id, balance: account.balance, state: .account(AccountState(address: account.address))))
            total += account.balance
        }
        guard total <= TokenAmount.totalSupply else {
            throw ChainStateError(.invalidArgument, "genesis funds \(total.fil) exceed the 2 billion FIL supply")
        }
        records.append(ActorRecord(id: BuiltinActor.initActor, state: .initActor(initState)))
        records.sort { $0.id < $1.id }

        var digests: [ActorID: [UInt8]] = [:]
        for record in records { digests[record.id] = StateRoot.digest(of: record) }
        let stateRoot = StateRoot.state(digests)
        let receiptsRoot = StateRoot.receipts([])
        let block = BlockHeader(
            miner: devnetProducer, parents: .empty, parentWeight: .zero, height: 0, parentStateRoot: stateRoot,
            parentMessageReceipts: receiptsRoot, messages: StateRoot.messages([]), timestamp: timestamp,
            parentBaseFee: network.baseFee)
        let head = ChainHead(tipSet: TipSet(blocks: [block]), stateRoot: stateRoot, receiptsRoot: receiptsRoot)
        var randomness = ChainRandomness()
        randomness.record(head.tipSet.key, at: 0, keep: network.randomnessLookback)
        let chain = DevnetChain(
            network: network, tree: StateTree(records), head: head, randomness: randomness, verifier: verifier,
            digests: digests)
        let commit = EpochCommit(head: head, messages: [], receipts: [], changedActors: records, removedPending: [])
        return (chain, commit)
    }

    /// Resumes a stored chain.
    /// - Throws: ``ChainStateError`` `corruptState` when the stored actors do not hash to the head's state root
    ///   or the builtin actors are missing.
    public init(
        network: NetworkParams, stored: StoredChain, verifier: any ProofVerifier = StructuralProofVerifier()
    ) throws(ChainStateError) {
        try network.validate()
        var digests: [ActorID: [UInt8]] = [:]
        for record in stored.actors { digests[record.id] = StateRoot.digest(of: record) }
        let root = StateRoot.state(digests)
        guard root == stored.head.stateRoot else {
            throw ChainStateError(
                .corruptState,
                "stored actors hash to \(root), but the head at epoch \(stored.head.height) names state \(stored.head.stateRoot)")
        }
        let ids = Set(stored.actors.map(\.id))
        for id in [BuiltinActor.system, BuiltinActor.initActor, BuiltinActor.reward, BuiltinActor.power, BuiltinActor.market, BuiltinActor.burntFunds]
        where !ids.contains(id) {
            throw ChainStateError(.corruptState, "stored state has no builtin actor t0\(id)")
        }
        var randomness = ChainRandomness()
        for tipSet in stored.recentTipSets where tipSet.height <= stored.head.height {
            randomness.record(tipSet.key, at: tipSet.height, keep: network.randomnessLookback)
        }
        randomness.record(stored.head.tipSet.key, at: stored.head.height, keep: network.randomnessLookback)
        self.init(
            network: network, tree: StateTree(stored.actors), head: stored.head, randomness: randomness,
            verifier: verifier, digests: digests)
    }

    private init(
        network: NetworkParams, tree: StateTree, head: ChainHead, randomness: ChainRandomness,
        verifier: any ProofVerifier, digests: [ActorID: [UInt8]]
    ) {
        self.network = network
        self.tree = tree
        self.head = head
        self.randomness = randomness
        self.verifier = verifier
        self.digests = digests
    }

    // MARK: Advancing

    /// Produces the next epoch: checks `submission` (if any), applies `messages` in order (up to the block's gas
    /// and message limits; the rest are left out), pays the winner's reward and tips, runs cron, and builds the
    /// tipset. `timestamp` is the epoch's Unix time in seconds.
    /// - Returns: what to persist.
    /// - Throws: ``ChainStateError`` `submissionRefused` when the submission is not a valid win for this epoch;
    ///   the chain is then unchanged (produce the epoch without it).
    public mutating func advance(
        messages: [SignedMessage], submission: WinningSubmission? = nil, timestamp: UInt64
    ) throws(ChainStateError) -> EpochCommit {
        let epoch = head.height + 1
        var winner: ActorID?
        if let submission { winner = try checkSubmission(submission) }

        var vm = VM(tree: StateTree([]), network: network, verifier: verifier, randomness: randomness, epoch: epoch)
        swap(&vm.tree, &tree)
        defer { swap(&vm.tree, &tree) }

        var included: [SignedMessage] = []
        var receipts: [MessageReceipt] = []
        var gasLimitTotal: Int64 = 0
        var tips = TokenAmount.zero
        for message in messages {
            guard included.count < network.blockMessageLimit,
                gasLimitTotal + max(0, message.message.gasLimit) <= network.blockGasLimit
            else { continue }
            gasLimitTotal += max(0, message.message.gasLimit)
            let outcome = vm.apply(message)
            included.append(message)
            receipts.append(outcome.receipt)
            tips += outcome.minerTip
        }

        if let winner {
            let reward = TokenAmount.min(network.blockReward, vm.tree[BuiltinActor.reward]?.balance ?? .zero)
            try? vm.tree.transfer(reward, from: BuiltinActor.reward, to: winner)
            var state = vm.tree.rewardState
            state.totalMined += reward
            state.rewardedBlocks += 1
            vm.tree.rewardState = state
            vm.tree.update(winner) { $0.balance += tips }
        } else if tips != .zero {
            vm.tree.update(BuiltinActor.burntFunds) { $0.balance += tips }
        }

        for miner in vm.tree.minerIDs {
            MinerActor.cron(miner: miner, epoch: epoch, network: network, tree: &vm.tree)
        }
        MarketActor.cron(epoch: epoch, tree: &vm.tree)

        let changed = vm.tree.takeChanges()
        for record in changed { digests[record.id] = StateRoot.digest(of: record) }
        let block = BlockHeader(
            miner: winner.map { Address(id: $0) } ?? DevnetChain.devnetProducer,
            ticket: submission.map { Ticket(vrfProof: $0.ticket.data) },
            electionProof: submission.map { ElectionProof(winCount: 1, vrfProof: $0.electionProof.data) },
            winPoStProof: submission?.winPoStProof ?? [], parents: head.tipSet.key,
            parentWeight: TokenAmount(attoFIL: Int128(head.height)), height: epoch, parentStateRoot: head.stateRoot,
            parentMessageReceipts: head.receiptsRoot, messages: StateRoot.messages(included.map(\.cid)),
            timestamp: timestamp, parentBaseFee: network.baseFee)
        head = ChainHead(
            tipSet: TipSet(blocks: [block]), stateRoot: StateRoot.state(digests), receiptsRoot: StateRoot.receipts(receipts))
        randomness.record(head.tipSet.key, at: epoch, keep: network.randomnessLookback)
        return EpochCommit(
            head: head, messages: included, receipts: receipts, changedActors: changed,
            removedPending: included.map(\.cid))
    }
}
