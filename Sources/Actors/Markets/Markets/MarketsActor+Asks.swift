import APICore
import ChainTypes
import FullNodeAPI
import MarketsAPI
import StorageMarket

/// The provider's storage ask (go-fil-markets `storedask`): a price per GiB per epoch and piece size bounds, signed by
/// the worker, persisted, and checked against every proposal.
extension MarketsActor {
    /// `MarketGetAsk`: the current ask (the defaults, signed and stored, when none was set).
    public func getAsk() async throws -> SignedStorageAsk {
        if let stored = try asks.ask() { return stored }
        return try await setAsk(
            price: TokenAmount(attoFIL: AskStore.defaultPrice), verifiedPrice: TokenAmount(attoFIL: AskStore.defaultVerifiedPrice),
            duration: AskStore.defaultDuration, minPieceSize: nil, maxPieceSize: nil)
    }

    /// `MarketSetAsk`: a new ask with the next sequence number; piece size bounds left `nil` keep the previous ask's.
    @discardableResult
    public func setAsk(price: TokenAmount, verifiedPrice: TokenAmount, duration: ChainEpoch, minPieceSize: UInt64?, maxPieceSize: UInt64?)
        async throws -> SignedStorageAsk
    {
        guard !price.isNegative, !verifiedPrice.isNegative else { throw RPCError(.methodError, "ask prices must not be negative") }
        guard duration > 0 else { throw RPCError(.methodError, "ask duration must be positive, is \(duration)") }
        let previous = try asks.ask()?.ask
        let minSize = minPieceSize ?? previous?.minPieceSize ?? AskStore.defaultMinPieceSize
        let maxSize = maxPieceSize ?? previous?.maxPieceSize ?? AskStore.defaultMaxPieceSize
        for size in [minSize, maxSize] where size < 128 || size & (size - 1) != 0 {
            throw RPCError(.methodError, "piece size \(size) is not a padded piece size (a power of two, at least 128)")
        }
        guard minSize <= maxSize else { throw RPCError(.methodError, "min piece size \(minSize) is above max piece size \(maxSize)") }
        let provider = try await identity()
        let head = try await requireChain().call(\.chainHead).height
        let (expiry, overflow) = head.addingReportingOverflow(duration)
        guard !overflow else { throw RPCError(.methodError, "ask duration \(duration) is too long") }
        let ask = StorageAsk(
            price: price, verifiedPrice: verifiedPrice, minPieceSize: minSize, maxPieceSize: maxSize, miner: provider.miner, timestamp: head,
            expiry: expiry, seqNo: previous.map { $0.seqNo &+ 1 } ?? 0)
        let signed = SignedStorageAsk(ask: ask, signature: try await signAsWorker(ask.signingBytes))
        try asks.save(signed)
        return signed
    }

    /// Signs `bytes` with the miner's worker key (held by the chain daemon's wallet), as go-fil-markets' `SignMinerData`.
    func signAsWorker(_ bytes: [UInt8]) async throws -> Signature {
        let worker = try await identity().worker
        let key = try await requireChain().call(\.stateAccountKey, worker, nil)
        return try await requireChain().call(\.walletSign, key, Base64Bytes(bytes))
    }
}
