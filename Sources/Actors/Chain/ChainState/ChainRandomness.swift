import ChainTypes
import Multiformats

/// Randomness drawn from the chain, as Lotus's `DrawRandomness`: blake2b-256 over a domain-separation tag, the
/// digest of the tipset at an epoch, the epoch, and caller entropy. On this devnet a tipset's digest is
/// blake2b-256 of its key (its block CIDs), so everything is derived from the chain itself, without drand.
public struct ChainRandomness: Sendable {
    /// Filecoin's domain-separation tags (go-state-types `crypto.DomainSeparationTag`).
    public enum Domain: Int64, Sendable {
        /// Block tickets.
        case ticketProduction = 1
        /// Election proofs.
        case electionProofProduction = 2
        /// Winning PoSt challenges.
        case winningPoStChallengeSeed = 3
        /// Window PoSt challenges.
        case windowedPoStChallengeSeed = 4
        /// Seal tickets.
        case sealRandomness = 5
        /// Interactive seal seeds.
        case interactiveSealChallengeSeed = 6
        /// Window PoSt chain commits.
        case poStChainCommit = 9
    }

    /// Epoch → blake2b-256 of that epoch's tipset key.
    private(set) var digests: [ChainEpoch: [UInt8]] = [:]
    /// No epoch below this is in ``digests``: where forgetting resumes.
    private var floor: ChainEpoch?

    /// No history.
    public init() {}

    /// Records the tipset `key` produced at `epoch`, forgetting epochs older than `epoch - keep`.
    /// Amortised O(1) per epoch: it removes the epochs that fell out of the window one by one, rather than filtering
    /// the whole window each epoch (a copy of `keep` entries per block, which dominated a long devnet run).
    mutating func record(_ key: TipSetKey, at epoch: ChainEpoch, keep: ChainEpoch) {
        digests[epoch] = BLAKE2b.hash(key.bytes, digestLength: 32)
        let (oldest, overflow) = epoch.subtractingReportingOverflow(keep)
        guard !overflow else { return }
        let start = min(floor ?? digests.keys.min() ?? epoch, epoch)
        if start < oldest {
            // Step through the gap only when it is no wider than what is stored; a jump (a restart far ahead) filters.
            let (gap, gapOverflow) = oldest.subtractingReportingOverflow(start)
            if !gapOverflow && gap <= ChainEpoch(digests.count) {
                for stale in start..<oldest { digests.removeValue(forKey: stale) }
            } else {
                digests = digests.filter { $0.key >= oldest }
            }
        }
        floor = max(start, oldest)
    }

    /// The randomness for `domain` at `epoch` with `entropy` (usually the miner's address bytes); `nil` when the
    /// epoch is not (or no longer) known.
    public func draw(_ domain: Domain, at epoch: ChainEpoch, entropy: [UInt8]) -> [UInt8]? {
        guard let digest = digests[epoch] else { return nil }
        var input = bigEndian(domain.rawValue)
        input += digest
        input += bigEndian(epoch)
        input += entropy
        return BLAKE2b.hash(input, digestLength: 32)
    }

    /// The earliest and latest epochs known.
    public var range: ClosedRange<ChainEpoch>? {
        guard let low = digests.keys.min(), let high = digests.keys.max() else { return nil }
        return low...high
    }

    private func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
}
