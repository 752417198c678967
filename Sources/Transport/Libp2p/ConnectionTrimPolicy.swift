import Multiformats

/// The connection manager's decision, kept pure so it can be tested with small numbers and no sockets:
/// given the open connections, which ones to close.
///
/// When more than ``ConnectionManagerConfig/highWater`` connections are open, it picks `count - lowWater`
/// connections to close among those that are neither protected nor younger than the grace period:
/// idle connections (no open streams) first, then the least recently active, then the oldest.
/// Fewer may be picked when too many are protected or young; they are looked at again on the next trim.
public struct ConnectionTrimPolicy: Sendable {
    /// What the policy knows about one connection.
    public struct Candidate: Sendable, Equatable {
        /// The host's id for the connection.
        public var id: UInt64
        /// The remote peer.
        public var peer: PeerID
        /// When the connection finished its upgrade.
        public var openedAt: ContinuousClock.Instant
        /// When a stream was last opened on it (in either direction).
        public var lastActivity: ContinuousClock.Instant
        /// Streams open on it right now.
        public var openStreams: Int

        /// Creates a candidate.
        public init(id: UInt64, peer: PeerID, openedAt: ContinuousClock.Instant, lastActivity: ContinuousClock.Instant, openStreams: Int) {
            self.id = id
            self.peer = peer
            self.openedAt = openedAt
            self.lastActivity = lastActivity
            self.openStreams = openStreams
        }
    }

    /// The water marks, grace period and protected peers.
    public var config: ConnectionManagerConfig

    /// Creates a policy.
    public init(config: ConnectionManagerConfig) {
        self.config = config
    }

    /// The ids of the connections to close now; empty when at most ``ConnectionManagerConfig/highWater`` are open.
    public func connectionsToClose(_ connections: [Candidate], now: ContinuousClock.Instant) -> [UInt64] {
        guard connections.count > config.highWater else { return [] }
        let excess = connections.count - max(0, config.lowWater)
        let eligible = connections.filter { candidate in
            !config.protectedPeers.contains(candidate.peer) && now - candidate.openedAt >= config.gracePeriod
        }
        let ordered = eligible.sorted { a, b in
            if (a.openStreams == 0) != (b.openStreams == 0) { return a.openStreams == 0 }
            if a.lastActivity != b.lastActivity { return a.lastActivity < b.lastActivity }
            if a.openedAt != b.openedAt { return a.openedAt < b.openedAt }
            return a.id < b.id
        }
        return ordered.prefix(excess).map(\.id)
    }
}
