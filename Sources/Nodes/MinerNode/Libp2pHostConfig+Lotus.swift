import APICore
import Libp2p
import Logging
import MinerConfig
import Multiformats

extension Libp2pHostConfig {
    /// The agent version identify sends, in Lotus's form (`lotus-` + the build version).
    public static let lotusAgentVersion = "lotus-" + APIVersionInfo.buildVersion

    /// The host configuration of a node from its `[Libp2p]` section.
    ///
    /// Only TCP listen addresses (`/ip4|ip6/<addr>/tcp/<port>`) are kept: Lotus's defaults also name QUIC,
    /// WebTransport and websocket addresses, which this host does not serve; each one skipped is logged.
    /// - Throws: ``MinerConfig/ConfigError`` naming the key when an address does not parse, when no TCP listen
    ///   address is left, or when a water mark is negative or `ConnMgrLow` > `ConnMgrHigh`.
    public static func lotus(
        _ config: Libp2pConfig, identity: Libp2pPrivateKey, agentVersion: String = lotusAgentVersion, logger: Logger
    ) throws -> Libp2pHostConfig {
        var listen: [Multiaddr] = []
        for (index, address) in try parse(config.listenAddresses, key: "[Libp2p] ListenAddresses").enumerated() {
            if isTCPListenAddress(address) {
                listen.append(address)
            } else {
                logger.info(
                    "skipping libp2p listen address: only TCP is served (no QUIC, WebTransport or websocket transport)",
                    metadata: ["address": "\(config.listenAddresses[index])"])
            }
        }
        guard !listen.isEmpty else {
            throw ConfigError(
                key: "[Libp2p] ListenAddresses",
                message: "no TCP address among \(config.listenAddresses); add one such as \"/ip4/0.0.0.0/tcp/0\" (only TCP is served)")
        }
        guard config.connMgrLow >= 0, config.connMgrHigh >= 0 else {
            throw ConfigError(key: "[Libp2p] ConnMgrLow", message: "connection manager water marks must not be negative (ConnMgrLow = \(config.connMgrLow), ConnMgrHigh = \(config.connMgrHigh))")
        }
        guard config.connMgrLow <= config.connMgrHigh else {
            throw ConfigError(key: "[Libp2p] ConnMgrLow", message: "ConnMgrLow (\(config.connMgrLow)) must not exceed ConnMgrHigh (\(config.connMgrHigh))")
        }
        guard config.connMgrGrace.nanoseconds >= 0 else {
            throw ConfigError(key: "[Libp2p] ConnMgrGrace", message: "must not be negative (got \(config.connMgrGrace))")
        }
        var protected: Set<PeerID> = []
        for text in config.protectedPeers ?? [] {
            do {
                protected.insert(try PeerID(text))
            } catch {
                throw ConfigError(key: "[Libp2p] ProtectedPeers", message: "'\(text)' is not a peer ID (\(error)); expected the form 12D3KooW…")
            }
        }
        return Libp2pHostConfig(
            identity: identity, listenAddresses: listen,
            announceAddresses: try parse(config.announceAddresses, key: "[Libp2p] AnnounceAddresses"),
            noAnnounceAddresses: try parse(config.noAnnounceAddresses, key: "[Libp2p] NoAnnounceAddresses"),
            connectionManager: ConnectionManagerConfig(
                lowWater: config.connMgrLow, highWater: config.connMgrHigh, gracePeriod: config.connMgrGrace.duration,
                protectedPeers: protected),
            agentVersion: agentVersion)
    }

    /// `/ip4/<addr>/tcp/<port>` or `/ip6/<addr>/tcp/<port>`, nothing more.
    static func isTCPListenAddress(_ address: Multiaddr) -> Bool {
        let names = address.components.map(\.protocolName)
        return names.count == 2 && (names[0] == "ip4" || names[0] == "ip6") && names[1] == "tcp"
    }

    private static func parse(_ texts: [String], key: String) throws -> [Multiaddr] {
        try texts.map { text in
            do {
                return try Multiaddr(text)
            } catch {
                throw ConfigError(key: key, message: "'\(text)' is not a multiaddr: \(error)")
            }
        }
    }
}
