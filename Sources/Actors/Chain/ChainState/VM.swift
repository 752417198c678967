import ChainTypes
import Multiformats

/// Executes messages against the state tree at one epoch: checks, gas, value transfer, method dispatch, fees.
///
/// Per message (Lotus `ApplyMessage`, simplified): syntactic rules and the on-chain gas cost; the sender must be an
/// account whose key signed the message, with the expected nonce and `GasLimit × GasFeeCap` in its balance
/// (otherwise the receipt says why, with `SysErrSenderInvalid`/`SysErrSenderStateInvalid`, and nothing changes).
/// Then the gas funds are reserved and the nonce advances, the value moves and the method runs inside a
/// transaction that a failure rolls back; gas used × base fee is burnt to `t099`, `GasLimit × min(premium, fee
/// cap − base fee)` is the producer's tip, the rest is refunded.
struct VM {
    /// The state being changed.
    var tree: StateTree
    /// Network parameters.
    let network: NetworkParams
    /// Checks proof bytes.
    let verifier: any ProofVerifier
    /// Chain randomness up to the previous epoch.
    let randomness: ChainRandomness
    /// The epoch being executed.
    let epoch: ChainEpoch
    /// The running message's gas meter.
    var gas = GasMeter(limit: 0)

    /// One method invocation.
    struct Call {
        /// The immediate caller.
        let caller: ActorID
        /// The receiver.
        let receiver: ActorID
        /// Value sent with the call (already in the receiver's balance).
        let value: TokenAmount
        /// The method number.
        let method: MethodNumber
        /// The parameter bytes.
        let params: [UInt8]
    }

    /// The result of one message.
    struct Outcome {
        /// The receipt.
        var receipt: MessageReceipt
        /// The block producer's tip (already taken from the sender; the caller credits it).
        var minerTip: TokenAmount = .zero
    }

    init(tree: StateTree, network: NetworkParams, verifier: any ProofVerifier, randomness: ChainRandomness, epoch: ChainEpoch) {
        self.tree = tree
        self.network = network
        self.verifier = verifier
        self.randomness = randomness
        self.epoch = epoch
    }

    /// Applies a signed message.
    mutating func apply(_ signed: SignedMessage) -> Outcome {
        apply(signed.message, signature: signed.signature, size: signed.cborBytes.count)
    }

    /// Applies `message`; `signature` is checked unless `nil` (gas estimation).
    mutating func apply(_ message: Message, signature: Signature?, size: Int) -> Outcome {
        func refused(_ code: ExitCode, _ reason: String) -> Outcome {
            Outcome(receipt: MessageReceipt(exitCode: code, gasUsed: 0, error: reason))
        }
        if let reason = MessageRules.invalidReason(message, size: size, network: network) {
            let code: ExitCode = message.gasLimit < network.gas.onChainMessage(size: size) ? .sysErrOutOfGas : .sysErrSenderInvalid
            return refused(code, reason)
        }
        guard let senderID = tree.lookupID(message.from) else {
            return refused(.sysErrSenderInvalid, "sender \(message.from) not found: it has never received FIL")
        }
        guard let sender = tree[senderID], case .account(let account) = sender.state, senderID != BuiltinActor.burntFunds else {
            return refused(.sysErrSenderInvalid, "sender \(message.from) (t0\(senderID)) is not an account actor")
        }
        if let signature {
            do {
                try WalletKey.verify(signature, data: message.cid.bytes, signer: account.address)
            } catch {
                return refused(.sysErrSenderInvalid, "invalid signature: \(error.message)")
            }
        }
        guard message.nonce == sender.nonce else {
            return refused(
                .sysErrSenderStateInvalid,
                "wrong nonce: message has nonce \(message.nonce) but sender \(message.from) expects \(sender.nonce)")
        }
        let gasFunds = message.requiredGasFunds
        guard sender.balance >= gasFunds else {
            return refused(
                .sysErrSenderStateInvalid,
                "insufficient funds for gas: GasLimit × GasFeeCap is \(gasFunds.fil), sender \(message.from) has "
                    + sender.balance.fil)
        }
        tree.update(senderID) {
            $0.balance -= gasFunds
            $0.nonce += 1
        }

        gas = GasMeter(limit: message.gasLimit)
        var receipt = MessageReceipt(exitCode: .ok, gasUsed: 0)
        tree.beginTransaction()
        do {
            try gas.charge(network.gas.onChainMessage(size: size), for: "message inclusion")
            let returned = try send(
                from: senderID, to: message.to, value: message.value, method: message.method, params: message.params)
            try gas.charge(Int64(returned.count) * network.gas.onChainReturnValuePerByte, for: "return value")
            receipt.returnValue = returned
            tree.commitTransaction()
        } catch {
            tree.rollbackTransaction()
            receipt.exitCode = error.exitCode
            receipt.error = error.message
        }
        receipt.gasUsed = gas.used

        let baseFee = TokenAmount.min(network.baseFee, message.gasFeeCap)
        let burn = baseFee * receipt.gasUsed
        let tipRate = TokenAmount.max(.zero, TokenAmount.min(message.gasPremium, message.gasFeeCap - baseFee))
        let tip = tipRate * message.gasLimit
        tree.update(senderID) { $0.balance += gasFunds - burn - tip }
        tree.update(BuiltinActor.burntFunds) { $0.balance += burn }
        return Outcome(receipt: receipt, minerTip: tip)
    }

    /// Sends `value` and calls `method` on `address` as `caller`: creates an account for an unknown key address,
    /// moves the value, dispatches to the receiver's actor.
    mutating func send(
        from caller: ActorID, to address: Address, value: TokenAmount, method: MethodNumber, params: [UInt8]
    ) throws(ActorError) -> [UInt8] {
        try gas.charge(network.gas.methodInvocation, for: "method invocation")
        let receiver: ActorID
        if let id = tree.lookupID(address) {
            receiver = id
        } else {
            switch address.kind {
            case .secp256k1, .bls:
                try gas.charge(network.gas.actorCreation, for: "account creation")
                receiver = tree.allocateID(for: address)
                tree.set(ActorRecord(id: receiver, state: .account(AccountState(address: address))))
            default:
                throw ActorError(.sysErrInvalidReceiver, "actor \(address) not found")
            }
        }
        if value != .zero {
            try gas.charge(network.gas.valueTransfer, for: "value transfer")
            let balance = tree[caller]?.balance ?? .zero
            guard balance >= value else {
                throw ActorError(
                    .sysErrInsufficientFunds,
                    "insufficient funds: t0\(caller) has \(balance.fil) after reserving gas, cannot send \(value.fil)")
            }
            try tree.transfer(value, from: caller, to: receiver, insufficient: .sysErrInsufficientFunds)
        }
        guard method != 0 else { return [] }
        try gas.charge(network.gas.methodCompute, for: "method execution")
        let call = Call(caller: caller, receiver: receiver, value: value, method: method, params: params)
        let code = tree[receiver]?.code
        switch code {
        case .storageminer?: return try MinerActor.invoke(call, in: &self)
        case .storagepower?: return try PowerActor.invoke(call, in: &self)
        case .storagemarket?: return try MarketActor.invoke(call, in: &self)
        default:
            throw ActorError(
                .sysErrInvalidMethod, "\(code?.rawValue ?? "unknown") actor t0\(receiver) has no method \(method)")
        }
    }

    /// Charges `perItemCompute` gas for `count` items.
    mutating func chargeItems(_ count: Int, _ what: String) throws(ActorError) {
        try gas.charge(Int64(count) * network.gas.perItemCompute, for: what)
    }
}
