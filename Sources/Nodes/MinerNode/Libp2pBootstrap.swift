import Libp2p
import Logging
import MinerConfig
import Multiformats
import ServiceLifecycle
import SubsystemSupport

/// Dials `[Libp2p] BootstrapPeers` (all at once) once the node's libp2p host listens, logging each outcome, then stays until
/// the node shuts down. A peer that cannot be reached is logged and skipped, never fatal (as Lotus's bootstrap).
/// The markets node and the chain daemon run one next to their host.
public struct Libp2pBootstrap: Service {
    let host: Libp2pHost
    let peers: [Multiaddr]
    let logger: Logger

    /// Bootstrap for `host` from `config`'s `BootstrapPeers`, logging as `p2pnode`.
    /// - Throws: ``MinerConfig/ConfigError`` naming `[Libp2p] BootstrapPeers` and the bad entry.
    public init(host: Libp2pHost, config: Libp2pConfig, logs: LogRegistry) throws {
        self.host = host
        self.peers = try Self.addresses(config)
        self.logger = Logger(label: "p2pnode") { logs.makeHandler(label: $0) }
    }

    /// The bootstrap addresses of `[Libp2p]`; each must name its peer (`…/p2p/12D3KooW…`).
    /// - Throws: ``MinerConfig/ConfigError`` naming `[Libp2p] BootstrapPeers` and the bad entry.
    static func addresses(_ config: Libp2pConfig) throws -> [Multiaddr] {
        try (config.bootstrapPeers ?? []).map { text in
            let address: Multiaddr
            do {
                address = try Multiaddr(text)
            } catch {
                throw ConfigError(key: "[Libp2p] BootstrapPeers", message: "'\(text)' is not a multiaddr: \(error)")
            }
            guard address.peerID != nil else {
                throw ConfigError(key: "[Libp2p] BootstrapPeers", message: "'\(text)' has no /p2p/<peer ID> part; use /ip4/HOST/tcp/PORT/p2p/12D3KooW…")
            }
            return address
        }
    }

    /// Dials the peers once the host listens, then waits for shutdown.
    public func run() async throws {
        if !peers.isEmpty, (try? await host.waitUntilListening()) != nil {
            // All at once, so one slow or silent peer does not hold up the others.
            await withDiscardingTaskGroup { group in
                for address in peers {
                    group.addTask { await dial(address) }
                }
            }
        }
        try? await gracefulShutdown()
    }

    private func dial(_ address: Multiaddr) async {
        do {
            let peer = try await host.connect(address)
            logger.info("connected to bootstrap peer", metadata: ["peer": "\(peer)", "address": "\(address)"])
        } catch {
            logger.warning("cannot reach bootstrap peer", metadata: ["address": "\(address)", "error": "\(error)"])
        }
    }
}
