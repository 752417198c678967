import Logging
import Synchronization
import Yamux

extension Libp2pHost {
    /// Closes connections above the high water mark (see ``ConnectionTrimPolicy``), at most once per silence
    /// period.
    func trimConnectionsIfNeeded(force: Bool = false) async {
        let manager = config.connectionManager
        let now = ContinuousClock.now
        let connections = state.withLock { state -> [Libp2pConnection]? in
            guard state.connections.count > manager.highWater else { return nil }
            if !force, let last = state.lastTrim, now - last < manager.silencePeriod { return nil }
            state.lastTrim = now
            return Array(state.connections.values)
        }
        guard let connections else { return }
        let byID = Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0) })
        let candidates = connections.map { connection in
            ConnectionTrimPolicy.Candidate(
                id: connection.id, peer: connection.remotePeer, openedAt: connection.openedInstant,
                lastActivity: connection.lastActivity, openStreams: connection.session.openStreamCount)
        }
        let victims = ConnectionTrimPolicy(config: manager).connectionsToClose(candidates, now: now)
        guard !victims.isEmpty else { return }
        logger.info(
            "connection manager trimming",
            metadata: [
                "open": "\(connections.count)", "high": "\(manager.highWater)", "low": "\(manager.lowWater)", "closing": "\(victims.count)",
            ])
        await withDiscardingTaskGroup { group in
            for id in victims {
                guard let connection = byID[id] else { continue }
                logger.debug(
                    "connection manager closes connection", metadata: ["peer": "\(connection.remotePeer)", "remote": "\(connection.remoteAddress)"])
                group.addTask { await connection.close() }
            }
        }
    }

    /// Looks at the connection count once per silence period until the host stops.
    func connectionManagerLoop() async {
        let period = config.connectionManager.silencePeriod
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: period)
            } catch {
                return
            }
            await trimConnectionsIfNeeded()
        }
    }
}
