import ChainState
import ChainTypes
import Multiformats
import Testing

/// A devnet in memory for tests: genesis with funded wallets, a message pool, and helpers that push signed
/// messages and produce epochs the way the daemon does (select → advance → prune).
struct TestNet {
    var chain: DevnetChain
    var pool = MessagePool()
    /// Funded genesis wallets (`t0100`, `t0101`, …).
    var wallets: [WalletKey]
    /// Every commit so far, genesis first.
    var commits: [EpochCommit] = []
    /// Unix time of genesis.
    let genesisTime: UInt64 = 1_700_000_000

    /// 1,000 FIL for each wallet.
    static let walletFunds = TokenAmount(wholeFIL: 1_000)

    init(wallets count: Int = 3, network: NetworkParams = NetworkParams(), verifier: any ProofVerifier = StructuralProofVerifier()) throws {
        wallets = (0..<count).map { _ in WalletKey.generate() }
        let (chain, commit) = try DevnetChain.genesis(
            network: network, accounts: wallets.map { ($0.address, TestNet.walletFunds) }, timestamp: genesisTime,
            verifier: verifier)
        self.chain = chain
        commits = [commit]
    }

    var height: ChainEpoch { chain.head.height }

    /// Prepares (nonce, gas, fees) and signs a message from `key`, and adds it to the pool.
    @discardableResult
    mutating func push(
        _ key: WalletKey, to: Address, value: TokenAmount = .zero, method: MethodNumber = 0, params: [UInt8] = [],
        spec: MessageSendSpec? = nil
    ) throws -> SignedMessage {
        let message = Message(to: to, from: key.address, value: value, method: method, params: params)
        let prepared = try pool.prepare(message, spec: spec, chain: chain)
        let signed = try key.sign(message: prepared)
        try pool.add(signed, chain: chain)
        return signed
    }

    /// Signs `message` as given (no preparation) and adds it to the pool.
    @discardableResult
    mutating func pushRaw(_ key: WalletKey, _ message: Message) throws -> SignedMessage {
        let signed = try key.sign(message: message)
        try pool.add(signed, chain: chain)
        return signed
    }

    /// Produces one epoch from the pool, as the daemon does.
    @discardableResult
    mutating func advance(submission: WinningSubmission? = nil) throws -> EpochCommit {
        var next = chain
        var commit = try next.advance(
            messages: pool.select(for: chain), submission: submission,
            timestamp: genesisTime + UInt64(height + 1) * UInt64(chain.network.blockDelayMillis / 1000))
        chain = next
        commit.removePending(pool.prune(chain: chain))
        commits.append(commit)
        return commit
    }

    /// Produces epochs until the head is at `epoch`.
    mutating func advance(to epoch: ChainEpoch) throws {
        while height < epoch { try advance() }
    }

    /// Pushes a prepared message, produces one epoch and returns the message's receipt.
    mutating func execute(
        _ key: WalletKey, to: Address, value: TokenAmount = .zero, method: MethodNumber = 0, params: [UInt8] = []
    ) throws -> MessageReceipt {
        let signed = try push(key, to: to, value: value, method: method, params: params)
        return try receipt(of: signed, after: advance())
    }

    /// Executes a message whose gas limit is set by hand (so it reaches the chain even if it fails).
    mutating func executeUnchecked(
        _ key: WalletKey, to: Address, value: TokenAmount = .zero, method: MethodNumber, params: [UInt8]
    ) throws -> MessageReceipt {
        let nonce = try pool.nextNonce(for: key.address, chain: chain)
        let message = Message(
            to: to, from: key.address, nonce: nonce, value: value, gasLimit: 50_000_000, gasFeeCap: 1_000,
            gasPremium: 500, method: method, params: params)
        let signed = try pushRaw(key, message)
        return try receipt(of: signed, after: advance())
    }

    /// The receipt of `message` in `commit`.
    func receipt(of message: SignedMessage, after commit: EpochCommit) throws -> MessageReceipt {
        let index = try #require(commit.messages.firstIndex(of: message), "message was not included")
        return commit.receipts[index]
    }

    /// Sum of all actor balances (constant: FIL is only moved, never created or destroyed).
    var totalBalance: TokenAmount {
        chain.tree.actors.values.reduce(TokenAmount.zero) { $0 + $1.balance }
    }

    /// Creates a 2 KiB miner owned and worked by `owner` (or `worker`), funded with `value`.
    mutating func createMiner(owner: WalletKey, worker: WalletKey? = nil, value: TokenAmount = TokenAmount(wholeFIL: 10)) throws -> Address {
        let params = CreateMinerParams(
            owner: owner.address, worker: (worker ?? owner).address, windowPoStProofType: SectorSize.kib2.windowPoStProof,
            peer: [0, 36, 8, 1, 18, 32] + [UInt8](repeating: 7, count: 32), multiaddrs: [[4, 127, 0, 0, 1, 6, 0x9C, 0x40]])
        let receipt = try execute(owner, to: Address(id: BuiltinActor.power), value: value, method: PowerMethod.createMiner.rawValue, params: params.encoded)
        #expect(receipt.exitCode == .ok, "\(receipt.error ?? "")")
        return try CreateMinerReturn.decode(receipt.returnValue, method: "CreateMiner").idAddress
    }
}

/// A CommR-shaped CID (fil-commitment-sealed, poseidon) from a seed byte.
func sealedCID(_ seed: UInt8) throws -> CID {
    CID(codec: .filCommitmentSealed, multihash: try Multihash(code: .poseidon_bls12_381_a2_fc1, digest: [UInt8](repeating: seed, count: 32)))
}

/// A CommP-shaped CID (fil-commitment-unsealed, sha2-256-trunc254-padded) from a seed byte.
func pieceCID(_ seed: UInt8) throws -> CID {
    CID(codec: .filCommitmentUnsealed, multihash: try Multihash(code: .sha2_256_trunc254_padded, digest: [UInt8](repeating: seed, count: 32)))
}
