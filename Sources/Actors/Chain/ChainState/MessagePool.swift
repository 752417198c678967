import ChainTypes
import Multiformats

/// Pending signed messages, per sender in nonce order (Lotus `MessagePool`, simplified).
///
/// - **Admission** (``add(_:chain:)``): size, syntax, fee cap ≥ base fee, known account sender, valid signature,
///   nonce not used and not too far ahead, balance covering all the sender's pending messages, bounded pool.
/// - **Replace by fee**: a message with a pending nonce replaces it if its premium and fee cap are both at least
///   1.25× the pending one's (and strictly higher), as Lotus's `ReplaceByFeeRatioDefault`.
/// - **Gaps** are held back: selection takes each sender's messages from its state nonce while nonces are
///   consecutive.
/// - **Selection** (``select(for:)``): greedy by premium across senders, keeping each sender's nonce order, up to
///   the block's gas and message limits.
/// - **Preparation** (``prepare(_:spec:chain:)``, `MpoolPushMessage`): assigns the nonce, estimates the gas limit
///   (× 1.25), premium and fee cap, then caps the fee at `MaxFee`.
public struct MessagePool: Sendable {
    /// Bounds on the pool.
    public struct Limits: Sendable, Equatable {
        /// Most pending messages in total.
        public var maxMessages: Int
        /// Most pending messages per sender.
        public var maxPerSender: Int
        /// How far a nonce may be ahead of the sender's next nonce.
        public var maxNonceGap: UInt64
        /// Largest signed message in bytes (Lotus `MaxMessageSize`, 64 KiB).
        public var maxMessageSize: Int

        /// Creates limits.
        public init(maxMessages: Int = 20_000, maxPerSender: Int = 1_000, maxNonceGap: UInt64 = 100, maxMessageSize: Int = 64 << 10) {
            self.maxMessages = maxMessages
            self.maxPerSender = maxPerSender
            self.maxNonceGap = maxNonceGap
            self.maxMessageSize = maxMessageSize
        }
    }

    /// What ``add(_:chain:)`` did.
    public enum AddResult: Sendable, Equatable {
        /// The message is new.
        case added
        /// It replaced the pending message with this CID (remove that one from the store).
        case replaced(CID)
    }

    /// The pool's bounds.
    public let limits: Limits
    /// Sender ID → nonce → message.
    private var bySender: [ActorID: [UInt64: SignedMessage]] = [:]
    /// The number of messages.
    public private(set) var count = 0

    /// An empty pool.
    public init(limits: Limits = Limits()) { self.limits = limits }

    // MARK: Reading

    /// Every pending message, by sender ID then nonce.
    public var pending: [SignedMessage] {
        bySender.keys.sorted().flatMap { sender in bySender[sender]!.keys.sorted().map { bySender[sender]![$0]! } }
    }

    /// The pending messages of the sender `address` names, in nonce order.
    public func pending(from address: Address, chain: DevnetChain) -> [SignedMessage] {
        guard let id = chain.tree.lookupID(address), let messages = bySender[id] else { return [] }
        return messages.keys.sorted().map { messages[$0]! }
    }

    /// Whether a message with this CID is pending.
    public func contains(_ cid: CID) -> Bool {
        bySender.values.contains { $0.values.contains { $0.cid == cid } }
    }

    /// The nonce the sender's next message should carry: one past its highest consecutive pending nonce, or its
    /// state nonce.
    /// - Throws: ``MessagePoolError`` `unknownSender` when the address is not an account on chain.
    public func nextNonce(for address: Address, chain: DevnetChain) throws(MessagePoolError) -> UInt64 {
        let (id, record) = try sender(address, chain)
        return nextNonce(id, stateNonce: record.nonce)
    }

    private func nextNonce(_ id: ActorID, stateNonce: UInt64) -> UInt64 {
        var nonce = stateNonce
        while bySender[id]?[nonce] != nil { nonce += 1 }
        return nonce
    }

    private func sender(_ address: Address, _ chain: DevnetChain) throws(MessagePoolError) -> (ActorID, ActorRecord) {
        guard let id = chain.tree.lookupID(address), let record = chain.tree[id] else {
            throw MessagePoolError(.unknownSender, "sender \(address) not found on chain: it has never received FIL")
        }
        guard record.code == .account, id != BuiltinActor.burntFunds else {
            throw MessagePoolError(.unknownSender, "sender \(address) is not an account and cannot send messages")
        }
        return (id, record)
    }

    // MARK: Admission

    /// Admits `signed`, replacing a pending message with the same nonce if it pays enough more.
    /// - Throws: ``MessagePoolError`` saying why the message was refused.
    @discardableResult
    public mutating func add(_ signed: SignedMessage, chain: DevnetChain) throws(MessagePoolError) -> AddResult {
        let message = signed.message
        let size = signed.cborBytes.count
        guard size <= limits.maxMessageSize else {
            throw MessagePoolError(.tooLarge, "message is \(size) bytes (at most \(limits.maxMessageSize))")
        }
        if let reason = MessageRules.invalidReason(message, size: size, network: chain.network) {
            throw MessagePoolError(.invalid, "message is invalid: \(reason)")
        }
        guard message.gasFeeCap >= chain.network.baseFee else {
            throw MessagePoolError(
                .feeCapTooLow,
                "GasFeeCap \(message.gasFeeCap) is below the base fee \(chain.network.baseFee); the message could never be included")
        }
        let (id, record) = try sender(message.from, chain)
        guard let key = chain.tree.keyAddress(of: id) else {
            throw MessagePoolError(.unknownSender, "sender \(message.from) has no key address")
        }
        do {
            try signed.verify(signer: key)
        } catch {
            throw MessagePoolError(.invalidSignature, "invalid signature from \(message.from): \(error.message)")
        }
        guard message.nonce >= record.nonce else {
            throw MessagePoolError(
                .nonceTooLow, "nonce \(message.nonce) of \(message.from) was already used (the next nonce is \(record.nonce))")
        }
        let next = nextNonce(id, stateNonce: record.nonce)
        guard message.nonce <= next + limits.maxNonceGap else {
            throw MessagePoolError(
                .nonceGap, "nonce \(message.nonce) is more than \(limits.maxNonceGap) ahead of the next nonce \(next) of \(message.from)")
        }

        let existing = bySender[id]?[message.nonce]
        if let existing {
            guard existing.cid != signed.cid else {
                throw MessagePoolError(.duplicate, "message \(signed.cid) is already pending")
            }
            let minPremium = MessagePool.minimumReplacement(existing.message.gasPremium)
            let minFeeCap = MessagePool.minimumReplacement(existing.message.gasFeeCap)
            guard message.gasPremium >= minPremium, message.gasFeeCap >= minFeeCap else {
                throw MessagePoolError(
                    .replaceByFeeTooLow,
                    "replace by fee of nonce \(message.nonce) needs GasPremium ≥ \(minPremium) and GasFeeCap ≥ \(minFeeCap) "
                        + "(1.25× the pending message's), got \(message.gasPremium) and \(message.gasFeeCap)")
            }
        } else {
            guard count < limits.maxMessages else {
                throw MessagePoolError(.poolFull, "the message pool is full (\(limits.maxMessages) messages); try again later")
            }
            guard (bySender[id]?.count ?? 0) < limits.maxPerSender else {
                throw MessagePoolError(
                    .senderLimit, "\(message.from) has \(limits.maxPerSender) pending messages, the most allowed; wait for some to be included")
            }
        }

        var needed = message.value + message.requiredGasFunds
        for (nonce, other) in bySender[id] ?? [:] where nonce != message.nonce {
            needed += other.message.value + other.message.requiredGasFunds
        }
        guard record.balance >= needed else {
            throw MessagePoolError(
                .insufficientFunds,
                "not enough funds including pending messages: \(message.from) has \(record.balance.fil), its pending "
                    + "messages need \(needed.fil) (value + GasLimit × GasFeeCap)")
        }

        bySender[id, default: [:]][message.nonce] = signed
        if let existing { return .replaced(existing.cid) }
        count += 1
        return .added
    }

    /// The least a replacement must offer for a pending `amount`: 1.25× rounded up, and strictly more.
    public static func minimumReplacement(_ amount: TokenAmount) -> TokenAmount {
        let scaled = TokenAmount(attoFIL: (amount.attoFIL * 5 + 3) / 4)
        return TokenAmount.max(scaled, amount + 1)
    }

    // MARK: Preparation

    /// Fills in what `MpoolPushMessage` fills in before signing: the nonce, and where zero the gas limit (the
    /// estimate × 1.25), the premium (`DefaultGasPremium`) and the fee cap (2 × base fee + premium); then caps
    /// `GasLimit × GasFeeCap` at `spec.maxFee` (or 0.07 FIL) by lowering the fee cap, as Lotus's `capGasFee`.
    /// - Throws: ``MessagePoolError`` when the sender is unknown, the message would fail (`executionFailed`, with
    ///   the exit code and reason), or `MaxFee` cannot pay the base fee (`maxFeeTooLow`).
    public func prepare(_ message: Message, spec: MessageSendSpec? = nil, chain: DevnetChain) throws(MessagePoolError) -> Message {
        var prepared = message
        let network = chain.network
        if let reason = MessageRules.invalidChoice(message, maxFee: spec?.maxFee, network: network) {
            throw MessagePoolError(.invalid, "message is invalid: \(reason)")
        }
        let (id, record) = try sender(message.from, chain)
        prepared.nonce = nextNonce(id, stateNonce: record.nonce)
        if prepared.gasLimit == 0 {
            let prior = (bySender[id] ?? [:]).keys.sorted().filter { $0 < prepared.nonce }.map { bySender[id]![$0]!.message }
            let receipt = chain.estimateGas(prepared, after: prior)
            guard receipt.exitCode.isSuccess else {
                throw MessagePoolError(
                    .executionFailed,
                    "estimating gas used: message execution failed: exit \(receipt.exitCode), reason: \(receipt.error ?? "")")
            }
            prepared.gasLimit = min(network.blockGasLimit, receipt.gasUsed + (receipt.gasUsed + 3) / 4)
        }
        if prepared.gasPremium == .zero { prepared.gasPremium = network.defaultGasPremium }
        if prepared.gasFeeCap == .zero { prepared.gasFeeCap = network.baseFee * 2 + prepared.gasPremium }

        let maxFee = (spec?.maxFee ?? .zero) == .zero ? MessageSendSpec.defaultMaxFee : spec!.maxFee
        if spec?.maximizeFeeCap == true || prepared.requiredGasFunds > maxFee {
            prepared.gasFeeCap = maxFee / prepared.gasLimit
            prepared.gasPremium = TokenAmount.min(prepared.gasPremium, prepared.gasFeeCap)
        }
        guard prepared.gasFeeCap >= network.baseFee else {
            throw MessagePoolError(
                .maxFeeTooLow,
                "MaxFee \(maxFee.fil) is too low: \(prepared.gasLimit) gas at the base fee \(network.baseFee) needs at least "
                    + (network.baseFee * prepared.gasLimit).fil)
        }
        return prepared
    }

    // MARK: Selection and pruning

    /// The messages for the next block: each sender's run of consecutive nonces from its state nonce (stopping
    /// where the balance no longer covers the gas), merged by highest premium first, within the block limits.
    public func select(for chain: DevnetChain) -> [SignedMessage] {
        let network = chain.network
        var runs: [(sender: ActorID, messages: ArraySlice<SignedMessage>)] = []
        for id in bySender.keys.sorted() {
            guard let record = chain.tree[id] else { continue }
            var run: [SignedMessage] = []
            var nonce = record.nonce
            var balance = record.balance
            while let message = bySender[id]?[nonce] {
                guard message.message.gasFeeCap >= network.baseFee, balance >= message.message.requiredGasFunds else { break }
                balance -= message.message.requiredGasFunds
                balance -= TokenAmount.min(balance, message.message.value)
                run.append(message)
                nonce += 1
            }
            if !run.isEmpty { runs.append((id, run[...])) }
        }
        var selected: [SignedMessage] = []
        var gas: Int64 = 0
        while selected.count < network.blockMessageLimit {
            let best = runs.indices.filter { !runs[$0].messages.isEmpty }.max { a, b in
                let (pa, pb) = (runs[a].messages.first!.message.gasPremium, runs[b].messages.first!.message.gasPremium)
                return pa != pb ? pa < pb : runs[a].sender > runs[b].sender
            }
            guard let best, let message = runs[best].messages.first else { break }
            if gas + message.message.gasLimit > network.blockGasLimit {
                runs[best].messages = []
                continue
            }
            gas += message.message.gasLimit
            selected.append(message)
            runs[best].messages = runs[best].messages.dropFirst()
        }
        return selected
    }

    /// Drops messages whose nonce the chain has passed (included, or replaced on chain); returns their CIDs for
    /// the store. Call after each epoch and add the result to the commit's `removedPending`.
    public mutating func prune(chain: DevnetChain) -> [CID] {
        var removed: [CID] = []
        for id in bySender.keys.sorted() {
            let stateNonce = chain.tree[id]?.nonce ?? .max
            for nonce in bySender[id]!.keys.sorted() where nonce < stateNonce {
                removed.append(bySender[id]![nonce]!.cid)
                bySender[id]![nonce] = nil
                count -= 1
            }
            if bySender[id]!.isEmpty { bySender[id] = nil }
        }
        return removed
    }

    /// Re-admits stored messages after a restart (in sender and nonce order); returns the CIDs of those no longer
    /// valid, to delete from the store.
    public mutating func restore(_ messages: [SignedMessage], chain: DevnetChain) -> [CID] {
        var dropped: [CID] = []
        let ordered = messages.sorted { a, b in
            a.message.from != b.message.from ? a.message.from < b.message.from : a.message.nonce < b.message.nonce
        }
        for message in ordered {
            do {
                if case .replaced(let old) = try add(message, chain: chain) { dropped.append(old) }
            } catch {
                dropped.append(message.cid)
            }
        }
        return dropped
    }
}
