import APICore
import ChainTypes
import Foundation
import FullNodeAPI
import Logging
import MarketsAPI
import MinerConfig
import Multiformats
import SubsystemSupport

/// Deals waiting to be published together in one `PublishStorageDeals` message (Lotus
/// `markets/storageadapter/dealpublisher.go`).
///
/// ``publish(_:)`` enqueues a deal and returns once its batch is sent. A batch goes out when it holds
/// `[Dealmaking] MaxDealsPerPublishMsg` deals, when `PublishMsgPeriod` has passed since its first deal (later deals do
/// not extend the period; a zero period publishes at once), or on ``publishNow()``. Before sending, each deal is checked
/// on its own, so an invalid deal fails alone, not its batch; the chain's market actor likewise leaves an invalid deal
/// out of a message and publishes the rest.
actor DealPublishQueue {
    private struct Waiting {
        let deal: ClientDealProposal
        let continuation: CheckedContinuation<CID, any Error>
    }

    private let chain: SubsystemRef<FullNodeMethods>
    private let miner: Address
    private let config: any ConfigStore
    private let logger: Logger
    private var waiting: [Waiting] = []
    private var periodStart: Date?
    private var timer: Task<Void, Never>?

    init(chain: SubsystemRef<FullNodeMethods>, miner: Address, config: any ConfigStore, logger: Logger) {
        self.chain = chain
        self.miner = miner
        self.config = config
        self.logger = logger
    }

    /// Queues `deal` and returns the CID of the `PublishStorageDeals` message that carries it.
    /// - Throws: ``APICore/RPCError`` when the deal cannot be published (its own reason) or the message cannot be sent.
    func publish(_ deal: ClientDealProposal) async throws -> CID {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(deal: deal, continuation: continuation))
            Task { await self.enqueued() }
        }
    }

    private func enqueued() async {
        let dealmaking = await config.current().dealmaking
        if waiting.count >= max(dealmaking.maxDealsPerPublishMsg, 1) || dealmaking.publishMsgPeriod.nanoseconds <= 0 {
            await sendBatch()
        } else if timer == nil, !waiting.isEmpty {
            periodStart = Date()
            let period = Duration.nanoseconds(dealmaking.publishMsgPeriod.nanoseconds)
            timer = Task {
                try? await Task.sleep(for: period)
                guard !Task.isCancelled else { return }
                await self.sendBatch(fromTimer: true)
            }
        }
    }

    /// `MarketPendingDeals`: the deals waiting for the next message.
    func pending() async -> PendingDealInfo {
        let period = await config.current().dealmaking.publishMsgPeriod.nanoseconds
        return PendingDealInfo(deals: waiting.map(\.deal), publishPeriodStart: periodStart ?? Date(), publishPeriod: period)
    }

    /// `MarketPublishPendingDeals`: sends whatever is waiting now.
    func publishNow() async {
        await sendBatch()
    }

    /// Sends what waits. Called by the period's timer (which must not cancel itself: the sends below would then fail
    /// with CancellationError), when a batch is full, or on ``publishNow()`` (which stops the timer).
    private func sendBatch(fromTimer: Bool = false) async {
        if !fromTimer { timer?.cancel() }
        timer = nil
        periodStart = nil
        let batch = waiting
        waiting = []
        guard !batch.isEmpty else { return }
        let settings = await config.current()
        var valid: [Waiting] = []
        do {
            let head = try await chain.call(\.chainHead).height
            for entry in batch {
                let p = entry.deal.proposal
                let (latest, overflow) = head.addingReportingOverflow(ChainEpoch(settings.dealmaking.startEpochSealingBuffer))
                if overflow || latest > p.startEpoch {
                    entry.continuation.resume(
                        throwing: RPCError(
                            .methodError,
                            "cannot publish deal with piece CID \(p.pieceCID): current epoch \(head) has passed deal proposal start epoch \(p.startEpoch)"))
                } else {
                    valid.append(entry)
                }
            }
            guard !valid.isEmpty else { return }
            let from = try await sender(settings.addresses, maxFee: TokenAmount(attoFIL: settings.fees.maxPublishDealsFee.attoFIL))
            let params = PublishStorageDealsParams(deals: valid.map(\.deal))
            let message = Message(
                to: Address(id: BuiltinActor.market), from: from, value: .zero, method: MarketMethod.publishStorageDeals.rawValue,
                params: params.encoded)
            let spec = MessageSendSpec(maxFee: TokenAmount(attoFIL: settings.fees.maxPublishDealsFee.attoFIL))
            let signed = try await chain.call(\.mpoolPushMessage, message, spec)
            logger.info("publishing deals", metadata: ["deals": "\(valid.count)", "message": "\(signed.cid)", "from": "\(from)"])
            for entry in valid { entry.continuation.resume(returning: signed.cid) }
        } catch {
            logger.warning("publishing deals failed", metadata: ["deals": "\(valid.count)", "error": "\(error)"])
            let remaining = valid.isEmpty ? batch : valid
            for entry in remaining { entry.continuation.resume(throwing: error) }
        }
    }

    /// The first `[Addresses] DealPublishControl` address that can pay `maxFee`, else the worker (unless
    /// `DisableWorkerFallback`, which takes the first control address whatever its balance).
    private func sender(_ addresses: AddressesConfig, maxFee: TokenAmount) async throws -> Address {
        var controls: [Address] = []
        for text in addresses.dealPublishControl {
            do {
                controls.append(try Address(parsing: text))
            } catch {
                throw RPCError(.methodError, "[Addresses] DealPublishControl entry '\(text)' is not an address: \(error)")
            }
        }
        for control in controls where try await chain.call(\.walletBalance, control) >= maxFee {
            return control
        }
        if addresses.disableWorkerFallback, let first = controls.first { return first }
        return try await chain.call(\.stateMinerInfo, miner, nil).worker
    }
}
