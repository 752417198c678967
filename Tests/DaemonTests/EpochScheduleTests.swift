import DaemonNode
import Testing

/// The epoch clock's schedule: epochs are due at anchor + n × block time, late ticks do not push later ones back,
/// and a daemon that was stopped (or stalled) continues from its head instead of replaying.
@Suite struct EpochScheduleTests {
    let start = ContinuousClock().now

    @Test func epochsAreDueAtFixedOffsetsFromTheAnchor() {
        let schedule = EpochSchedule(blockTime: .milliseconds(250), anchorEpoch: 0, at: start)
        #expect(schedule.deadline(of: 1) == start + .milliseconds(250))
        #expect(schedule.deadline(of: 40) == start + .seconds(10))
    }

    @Test func aSlightlyLateTickDoesNotShiftTheNextDeadlines() {
        var schedule = EpochSchedule(blockTime: .milliseconds(100), anchorEpoch: 7, at: start)
        let late = schedule.deadline(of: 8) + .milliseconds(60)
        let reanchored = schedule.settle(epoch: 8, producedAt: late)
        #expect(!reanchored)
        #expect(schedule.deadline(of: 9) == start + .milliseconds(200), "no drift: epoch 9 is still due 2 block times after the anchor")
    }

    @Test func aTickLateByMoreThanTheLagReanchors() {
        var schedule = EpochSchedule(blockTime: .milliseconds(100), anchorEpoch: 7, at: start, maxLag: 2)
        let suspended = schedule.deadline(of: 8) + .seconds(5)
        let reanchored = schedule.settle(epoch: 8, producedAt: suspended)
        #expect(reanchored)
        #expect(schedule.anchorEpoch == 8)
        #expect(schedule.deadline(of: 9) == suspended + .milliseconds(100), "the next epoch comes one block time later, no burst")
    }

    @Test func aResumedChainContinuesFromItsHead() {
        let schedule = EpochSchedule(blockTime: .seconds(4), anchorEpoch: 1234, at: start)
        #expect(schedule.deadline(of: 1235) == start + .seconds(4))
    }
}
