import Logging
import Multiformats
import TestScheduling
import Testing

@testable import Libp2p

/// The connection manager on a real host, with small water marks.
@Suite("Connection manager on a host", .timingSensitive)
struct ConnectionManagerTests {
    static func manager(low: Int, high: Int, grace: Duration, protected: Set<PeerID> = []) -> ConnectionManagerConfig {
        ConnectionManagerConfig(lowWater: low, highWater: high, gracePeriod: grace, silencePeriod: .milliseconds(50), protectedPeers: protected)
    }

    @Test("over the high water mark (3) the host trims to the low water mark (1), keeping the most recently active")
    func trims() async throws {
        let configs = [HostFixture.config { $0.connectionManager = Self.manager(low: 1, high: 3, grace: .zero) }]
            + (0..<4).map { _ in HostFixture.config() }
        let recorder = LogRecorder()
        try await HostFixture.withHosts(configs, recorder: recorder) { hosts in
            let a = hosts[0]
            for dialer in hosts.dropFirst() {
                try await dialer.connect(HostFixture.dialAddress(a))
            }
            #expect(await HostFixture.eventually { a.connectedPeers().count == 1 })
            #expect(a.connectedPeers().first?.peerID == hosts[4].peerID)
            #expect(await HostFixture.eventually { hosts[1...3].allSatisfy { !$0.isConnected(a.peerID) } })
            #expect(!recorder.lines(containing: "connection manager trimming", atLeast: .info).isEmpty)
        }
    }

    @Test("connections younger than the grace period are not trimmed")
    func grace() async throws {
        let configs = [HostFixture.config { $0.connectionManager = Self.manager(low: 1, high: 2, grace: .seconds(300)) }]
            + (0..<4).map { _ in HostFixture.config() }
        try await HostFixture.withHosts(configs) { hosts in
            let a = hosts[0]
            for dialer in hosts.dropFirst() {
                try await dialer.connect(HostFixture.dialAddress(a))
            }
            #expect(await HostFixture.eventually { a.connectedPeers().count == 4 })
            await a.trimConnectionsIfNeeded(force: true)
            try await Task.sleep(for: .milliseconds(200))
            #expect(a.connectedPeers().count == 4)
        }
    }

    @Test("a protected peer's connection survives a trim to zero")
    func protected() async throws {
        let keeper = HostFixture.config()
        let configs = [HostFixture.config { $0.connectionManager = Self.manager(low: 0, high: 1, grace: .zero, protected: [keeper.identity.peerID]) }]
            + [keeper] + (0..<3).map { _ in HostFixture.config() }
        try await HostFixture.withHosts(configs) { hosts in
            let a = hosts[0]
            for dialer in hosts.dropFirst() {
                try await dialer.connect(HostFixture.dialAddress(a))
            }
            #expect(await HostFixture.eventually { a.connectedPeers().map(\.peerID) == [keeper.identity.peerID] })
        }
    }
}
