import Multiformats
import Testing

@testable import Libp2p

/// The connection manager's choice with small numbers: high water 4, low water 2, grace 20 s.
@Suite("Connection manager policy")
struct ConnectionTrimPolicyTests {
    static let start = ContinuousClock.now
    static let now = start + .seconds(100)

    static func candidate(_ id: UInt64, age: Int, idleFor: Int? = nil, streams: Int = 0, peer: PeerID? = nil) -> ConnectionTrimPolicy.Candidate {
        let opened = now - .seconds(age)
        return .init(
            id: id, peer: peer ?? Libp2pPrivateKey.generate().peerID, openedAt: opened,
            lastActivity: now - .seconds(idleFor ?? age), openStreams: streams)
    }

    static let policy = ConnectionTrimPolicy(config: ConnectionManagerConfig(lowWater: 2, highWater: 4, gracePeriod: .seconds(20)))

    @Test("at or below the high water mark nothing is closed")
    func belowHigh() {
        let four = (1...4).map { Self.candidate($0, age: 60) }
        #expect(Self.policy.connectionsToClose(four, now: Self.now).isEmpty)
    }

    @Test("above it, trims down to the low water mark: idle connections first, then least recently active, then oldest")
    func trimOrder() {
        let connections = [
            Self.candidate(1, age: 90, idleFor: 1, streams: 3),  // oldest but busy
            Self.candidate(2, age: 50, idleFor: 50),  // idle, inactive for 50 s
            Self.candidate(3, age: 80, idleFor: 10),  // idle, active 10 s ago
            Self.candidate(4, age: 70, idleFor: 5, streams: 1),  // busy
            Self.candidate(5, age: 60, idleFor: 60),  // idle, inactive for 60 s
        ]
        // 5 open, low water 2: close 3 — the three idle ones, longest inactive first.
        #expect(Self.policy.connectionsToClose(connections, now: Self.now) == [5, 2, 3])
    }

    @Test("connections inside the grace period and protected peers are spared, even if fewer are closed")
    func graceAndProtection() {
        let protected = Libp2pPrivateKey.generate().peerID
        let policy = ConnectionTrimPolicy(
            config: ConnectionManagerConfig(lowWater: 2, highWater: 4, gracePeriod: .seconds(20), protectedPeers: [protected]))
        let connections = [
            Self.candidate(1, age: 5),  // young
            Self.candidate(2, age: 10),  // young
            Self.candidate(3, age: 300, peer: protected),  // protected
            Self.candidate(4, age: 40),
            Self.candidate(5, age: 19),  // young
            Self.candidate(6, age: 30),
        ]
        // 6 open, 4 should go, but only 4 and 6 may.
        #expect(policy.connectionsToClose(connections, now: Self.now) == [4, 6])
    }

    @Test("equal activity: the oldest connection goes first; a low water mark of 0 closes all eligible")
    func ties() {
        let policy = ConnectionTrimPolicy(config: ConnectionManagerConfig(lowWater: 0, highWater: 1, gracePeriod: .zero))
        let connections = [
            Self.candidate(7, age: 30, idleFor: 5),
            Self.candidate(8, age: 40, idleFor: 5),
        ]
        #expect(policy.connectionsToClose(connections, now: Self.now) == [8, 7])
    }
}
