import ChainTypes
import Multiformats
import MinerConfig
import StorageMarket

/// The provider's acceptance policy before the external filter, in Lotus's order with its reason strings
/// (`node/modules/storageminer.go: BasicDealFilter`): `[Dealmaking]` Consider* flags, the piece blocklist, the
/// expected seal duration, the staging limit, the start delay (counted from the earliest epoch a sector can be sealed by).
public struct DealAcceptance: Sendable {
    /// What the policy compares the deal with.
    public struct Facts: Sendable {
        public var head: ChainEpoch
        /// Seconds per epoch (the devnet's block delay).
        public var blockDelaySeconds: Int64
        /// Bytes now held in the deal-staging directory.
        public var stagingBytes: UInt64

        public init(head: ChainEpoch, blockDelaySeconds: Int64, stagingBytes: UInt64) {
            self.head = head
            self.blockDelaySeconds = blockDelaySeconds
            self.stagingBytes = stagingBytes
        }
    }

    /// `nil` when `deal` may be taken, else the reason the client is told.
    public static func reject(_ deal: MinerDeal, config: DealmakingConfig, facts: Facts) -> String? {
        let p = deal.proposal
        if !deal.ref.isOffline && !config.considerOnlineStorageDeals {
            return "miner is not considering online storage deals"
        }
        if deal.ref.isOffline && !config.considerOfflineStorageDeals {
            return "miner is not accepting offline storage deals"
        }
        if p.verifiedDeal && !config.considerVerifiedStorageDeals {
            return "miner is not accepting verified storage deals"
        }
        if !p.verifiedDeal && !config.considerUnverifiedStorageDeals {
            return "miner is not accepting unverified storage deals"
        }
        if config.pieceCidBlocklist.contains(p.pieceCID.description) {
            return "miner has blocklisted piece CID \(p.pieceCID)"
        }
        let blockDelay = max(facts.blockDelaySeconds, 1)
        let sealEpochs = config.expectedSealDuration.nanoseconds / 1_000_000_000 / blockDelay
        let earliest = facts.head.addingReportingOverflow(sealEpochs)
        if earliest.overflow || p.startEpoch < earliest.partialValue {
            return "cannot seal a sector before \(p.startEpoch)"
        }
        if config.maxStagingDealsBytes != 0, facts.stagingBytes >= UInt64(clamping: config.maxStagingDealsBytes) {
            return "cannot accept deal as miner is overloaded at the moment - there are too many staging deals being processed"
        }
        let delayEpochs = config.maxDealStartDelay.nanoseconds / 1_000_000_000 / blockDelay
        let latest = earliest.partialValue.addingReportingOverflow(delayEpochs)
        if !latest.overflow, p.startEpoch > latest.partialValue {
            return "deal start epoch is too far in the future: \(p.startEpoch) > \(latest.partialValue)"
        }
        return nil
    }
}
