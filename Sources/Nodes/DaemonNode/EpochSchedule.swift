/// When each epoch is due: `anchor.instant + (epoch − anchor.epoch) × blockTime`, so late ticks never push the
/// following ones back (no drift). The anchor is the genesis on a new chain and the stored head when a daemon
/// resumes — a restarted daemon continues from its head one block time later instead of replaying the epochs it
/// was down for. A tick that runs more than ``maxLag`` block times late (the process was suspended, the disk
/// stalled) re-anchors at the late tick for the same reason.
public struct EpochSchedule: Sendable, Equatable {
    /// Time between epochs.
    public let blockTime: Duration
    /// How many block times a tick may be late before the schedule re-anchors instead of catching up.
    public let maxLag: Int64
    /// The instant epoch ``anchorEpoch`` was (or counts as) produced.
    public private(set) var anchorInstant: ContinuousClock.Instant
    /// The epoch produced at ``anchorInstant``.
    public private(set) var anchorEpoch: Int64

    /// A schedule whose epoch `epoch` counts as produced at `instant`.
    /// - Precondition: `blockTime` is positive.
    public init(blockTime: Duration, anchorEpoch epoch: Int64, at instant: ContinuousClock.Instant, maxLag: Int64 = 2) {
        precondition(blockTime > .zero, "block time must be positive")
        self.blockTime = blockTime
        self.maxLag = maxLag
        self.anchorInstant = instant
        self.anchorEpoch = epoch
    }

    /// The instant `epoch` is due.
    public func deadline(of epoch: Int64) -> ContinuousClock.Instant {
        anchorInstant + blockTime * Int(epoch - anchorEpoch)
    }

    /// Called when `epoch` is about to be produced at `now`: if `now` is more than ``maxLag`` block times past the
    /// epoch's deadline, the schedule re-anchors so that `epoch` counts as produced at `now`.
    /// - Returns: whether it re-anchored.
    @discardableResult
    public mutating func settle(epoch: Int64, producedAt now: ContinuousClock.Instant) -> Bool {
        guard now - deadline(of: epoch) > blockTime * Int(maxLag) else { return false }
        anchorInstant = now
        anchorEpoch = epoch
        return true
    }
}
