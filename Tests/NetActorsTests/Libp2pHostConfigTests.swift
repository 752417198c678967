import Libp2p
import Logging
import MinerConfig
import MinerNode
import Multiformats
import SubsystemSupport
import Synchronization
import Testing

/// `[Libp2p]` of config.toml turned into the host's configuration.
@Suite("[Libp2p] to host configuration")
struct Libp2pHostConfigTests {
    /// A logger whose lines the test can read.
    final class CapturedLog: Sendable {
        /// The captured lines, in a class of their own so the log output closure can hold them.
        final class Lines: Sendable {
            let value = Mutex<[String]>([])
        }
        let lines = Lines()
        let registry: LogRegistry
        let logger: Logger

        init() {
            let lines = self.lines
            registry = LogRegistry(subsystems: ["p2pnode"], output: { line in lines.value.withLock { $0.append(line) } })
            logger = Logger(label: "p2pnode") { [registry] in registry.makeHandler(label: $0) }
        }

        var text: String { lines.value.withLock { $0.joined(separator: "\n") } }
    }

    let identity = Libp2pPrivateKey.generate()

    @Test("Lotus's defaults: both TCP addresses, water marks 150/180, grace 20 s, Lotus-style agent version")
    func defaults() throws {
        let log = CapturedLog()
        let config = try Libp2pHostConfig.lotus(Libp2pConfig(), identity: identity, logger: log.logger)
        #expect(config.listenAddresses.map(\.description) == ["/ip4/0.0.0.0/tcp/0", "/ip6/::/tcp/0"])
        #expect(config.announceAddresses.isEmpty && config.noAnnounceAddresses.isEmpty)
        #expect(config.connectionManager.lowWater == 150)
        #expect(config.connectionManager.highWater == 180)
        #expect(config.connectionManager.gracePeriod == .seconds(20))
        #expect(config.agentVersion == "lotus-1.17.2+swift-devnet")
        #expect(config.identity.publicKey.peerID == identity.publicKey.peerID)
    }

    @Test("QUIC, WebTransport and websocket listen addresses are skipped with a log line; TCP ones are kept")
    func onlyTCP() throws {
        var section = Libp2pConfig()
        section.listenAddresses = [
            "/ip4/0.0.0.0/tcp/24001", "/ip4/0.0.0.0/udp/0/quic-v1", "/ip4/0.0.0.0/udp/0/quic-v1/webtransport",
            "/ip4/0.0.0.0/tcp/24002/ws", "/ip6/::/tcp/24001",
        ]
        section.announceAddresses = ["/ip4/203.0.113.7/tcp/24001"]
        section.noAnnounceAddresses = ["/ip4/10.0.0.5/tcp/24001"]
        section.connMgrLow = 2
        section.connMgrHigh = 4
        section.connMgrGrace = .seconds(1)
        section.protectedPeers = ["12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"]
        let log = CapturedLog()
        let config = try Libp2pHostConfig.lotus(section, identity: identity, logger: log.logger)
        #expect(config.listenAddresses.map(\.description) == ["/ip4/0.0.0.0/tcp/24001", "/ip6/::/tcp/24001"])
        #expect(config.announceAddresses.map(\.description) == ["/ip4/203.0.113.7/tcp/24001"])
        #expect(config.noAnnounceAddresses.map(\.description) == ["/ip4/10.0.0.5/tcp/24001"])
        #expect(config.connectionManager.lowWater == 2 && config.connectionManager.highWater == 4)
        #expect(config.connectionManager.gracePeriod == .seconds(1))
        #expect(config.connectionManager.protectedPeers.map(\.description) == ["12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"])
        for skipped in ["/ip4/0.0.0.0/udp/0/quic-v1", "/ip4/0.0.0.0/udp/0/quic-v1/webtransport", "/ip4/0.0.0.0/tcp/24002/ws"] {
            #expect(log.text.contains("skipping libp2p listen address") && log.text.contains(skipped), "\(log.text)")
        }
    }

    @Test("Bad values name the key: an unparsable address, no TCP address at all, low above high, a bad peer ID")
    func errors() throws {
        let log = CapturedLog()
        var bad = Libp2pConfig()
        bad.listenAddresses = ["/ip4/0.0.0.0/tcp/0", "/ip4/nonsense/tcp/1"]
        let parse = #expect(throws: ConfigError.self) { try Libp2pHostConfig.lotus(bad, identity: identity, logger: log.logger) }
        #expect(parse?.key == "[Libp2p] ListenAddresses")
        #expect(parse?.message.contains("'/ip4/nonsense/tcp/1' is not a multiaddr") == true)

        var quicOnly = Libp2pConfig()
        quicOnly.listenAddresses = ["/ip4/0.0.0.0/udp/0/quic-v1"]
        let none = #expect(throws: ConfigError.self) { try Libp2pHostConfig.lotus(quicOnly, identity: identity, logger: log.logger) }
        #expect(none?.message.contains("no TCP address") == true)

        var marks = Libp2pConfig()
        (marks.connMgrLow, marks.connMgrHigh) = (10, 5)
        let order = #expect(throws: ConfigError.self) { try Libp2pHostConfig.lotus(marks, identity: identity, logger: log.logger) }
        #expect(order?.message == "ConnMgrLow (10) must not exceed ConnMgrHigh (5)")

        var protected = Libp2pConfig()
        protected.protectedPeers = ["not-a-peer"]
        let peer = #expect(throws: ConfigError.self) { try Libp2pHostConfig.lotus(protected, identity: identity, logger: log.logger) }
        #expect(peer?.key == "[Libp2p] ProtectedPeers")

        var announce = Libp2pConfig()
        announce.announceAddresses = ["/ip4/1.2.3.4/tcp/notaport"]
        let address = #expect(throws: ConfigError.self) { try Libp2pHostConfig.lotus(announce, identity: identity, logger: log.logger) }
        #expect(address?.key == "[Libp2p] AnnounceAddresses")
    }
}
