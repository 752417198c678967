import APICore
import ChainState
import ChainTypes
import Multiformats

/// The message pool API (Lotus `MpoolPush`, `MpoolPushMessage`, `MpoolPending`, `MpoolGetNonce`) and the
/// messages the daemon composes itself (`MarketAddBalance`).
extension FullNodeActor {
    /// `MpoolPush`: admits a signed message (or replaces a pending one by fee) and stores it before answering.
    /// - Throws: ``ChainState/MessagePoolError`` saying why it was refused.
    public func push(_ signed: SignedMessage) throws -> CID {
        var next = pool
        let result = try next.add(signed, chain: chain)
        try store.addPending(signed)
        if case .replaced(let old) = result {
            try store.removePending([old])
        }
        pool = next
        return signed.cid
    }

    /// `MpoolPushMessage`: fills in the nonce and gas (honouring `spec.MaxFee`, or `[Fees] DefaultMaxFee` when it is
    /// zero), signs with the sender's wallet key, and pushes.
    /// - Throws: when the wallet does not hold the sender's key, the message would fail, or MaxFee is too low.
    public func pushMessage(_ message: Message, spec: MessageSendSpec?) throws -> SignedMessage {
        var spec = spec ?? MessageSendSpec()
        if spec.maxFee == .zero { spec.maxFee = defaultMaxFee }
        var unsigned = message
        let (from, key) = try signingKey(for: message.from)
        unsigned.from = from
        let prepared = try pool.prepare(unsigned, spec: spec, chain: chain)
        let signed = try key.sign(message: prepared)
        _ = try push(signed)
        return signed
    }

    /// `MpoolPending`: every pending message, by sender then nonce.
    public func pending(_ key: TipSetKey?) throws -> [SignedMessage] {
        try checkTipSet(key)
        return pool.pending
    }

    /// `MpoolGetNonce`: the next nonce `address` should use, counting its pending messages.
    public func nextNonce(_ address: Address) throws -> UInt64 {
        try pool.nextNonce(for: address, chain: chain)
    }

    /// `MarketAddBalance`: sends `amount` from `wallet` into the market escrow of `address`.
    public func marketAddBalance(wallet: Address, address: Address, amount: TokenAmount) throws -> CID {
        let message = Message(
            to: Address(id: BuiltinActor.market), from: wallet, value: amount, method: MarketMethod.addBalance.rawValue,
            params: address.encoded)
        return try pushMessage(message, spec: nil).cid
    }

    /// The key address and wallet key that sign for `address` (a key address, or the ID of an account).
    func signingKey(for address: Address) throws -> (Address, WalletKey) {
        let keyAddress = address.id == nil ? address : try chain.accountKey(address)
        guard let key = try wallet.key(for: keyAddress) else {
            throw RPCError(.methodError, "failed to sign message: key not found for \(keyAddress): the daemon's wallet does not hold it (lotus wallet list)")
        }
        return (keyAddress, key)
    }
}
