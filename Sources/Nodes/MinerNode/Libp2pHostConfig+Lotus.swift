import APICore
import Libp2p
import Logging
import MinerConfig
import Multiformats
import SubsystemSupport

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
        for (text, address) in try parse(config.listenAddresses, key: "[Libp2p] ListenAddresses", logger: logger) {
            if let address, isTCPListenAddress(address) {
                listen.append(address)
            } else {
                logger.info(
                    "skipping libp2p listen address: only TCP is served (no QUIC, WebTransport, WebRTC or websocket transport)",
                    metadata: ["address": "\(text)"])
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
            announceAddresses: try announceable(config.announceAddresses, key: "[Libp2p] AnnounceAddresses", logger: logger),
            noAnnounceAddresses: try announceable(config.noAnnounceAddresses, key: "[Libp2p] NoAnnounceAddresses", logger: logger),
            connectionManager: ConnectionManagerConfig(
                lowWater: config.connMgrLow, highWater: config.connMgrHigh, gracePeriod: config.connMgrGrace.duration,
                protectedPeers: protected),
            agentVersion: agentVersion)
    }

    /// `/ip4/<addr>/tcp/<port>` or `/ip6/<addr>/tcp/<port>`, nothing more.
    static func isTCPListenAddress(_ address: Multiaddr) -> Bool {
        let protocols = address.components.map(\.protocol)
        return protocols.count == 2 && (protocols[0] == .ip4 || protocols[0] == .ip6) && protocols[1] == .tcp
    }

    /// Each text with its multiaddr, or nil for an address of a transport this build cannot even parse (such as
    /// `/webtransport`, `/certhash` or `/webrtc-direct`): those are skipped like other non-TCP addresses.
    /// - Throws: ``MinerConfig/ConfigError`` when a TCP address (one with a `/tcp/` part) does not parse.
    private static func parse(_ texts: [String], key: String, logger: Logger) throws -> [(String, Multiaddr?)] {
        try texts.map { text in
            do {
                return (text, try Multiaddr(text))
            } catch {
                guard text.contains("/tcp/") else { return (text, nil) }
                throw ConfigError(key: key, message: "'\(text)' is not a multiaddr: \(error)")
            }
        }
    }

    /// The announce / no-announce lists: every address that parses; unparsable non-TCP ones are skipped, logged.
    private static func announceable(_ texts: [String], key: String, logger: Logger) throws -> [Multiaddr] {
        try parse(texts, key: key, logger: logger).compactMap { text, address in
            if address == nil {
                logger.info("skipping libp2p address of a transport this build does not know", metadata: ["key": "\(key)", "address": "\(text)"])
            }
            return address
        }
    }
}

extension Libp2pHost {
    /// A node's host from its `[Libp2p]` section and keystore identity, logging as `p2pnode` (the markets node and
    /// the chain daemon build theirs the same way).
    /// - Throws: ``MinerConfig/ConfigError`` as ``Libp2pHostConfig/lotus(_:identity:agentVersion:logger:)``.
    public static func lotus(_ config: Libp2pConfig, identity: Libp2pPrivateKey, logs: LogRegistry) throws -> Libp2pHost {
        let logger = Logger(label: "p2pnode") { logs.makeHandler(label: $0) }
        return Libp2pHost(config: try .lotus(config, identity: identity, logger: logger), logger: logger)
    }

    /// Waits until the running host has bound its listen addresses, then logs "libp2p host ready" with the peer ID
    /// and announced addresses. A node writes its `api` file only after this, so a client that finds the file can
    /// use the Net API at once.
    /// - Throws: the bind error when a listen address could not be bound.
    public func waitUntilReady(logger: Logger) async throws {
        _ = try await waitUntilListening()
        logger.info("libp2p host ready", metadata: ["peer": "\(peerID)", "announced": "\(announcedAddresses.map(\.description))"])
    }
}
