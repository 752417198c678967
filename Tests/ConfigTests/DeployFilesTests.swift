import ConfigFile
import DaemonNode
import Foundation
import MinerConfig
import Testing

/// The files under `deploy/` an operator copies: every config parses with the role it claims, and every unit starts
/// the right node with its environment, restart policy, ordering and hardening.
@Suite("deploy/ files")
struct DeployFilesTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("each role's config parses, with the subsystems and listeners of its role")
    func configs() throws {
        let monolith = try ConfigFile.parse(try Self.text("monolith.toml"), file: "monolith.toml")
        #expect(monolith.subsystems.enabled.count == 4)
        #expect(!monolith.libp2p.listenAddresses.isEmpty)

        let mining = try ConfigFile.parse(try Self.text("mining-node.toml"), file: "mining-node.toml")
        #expect(!mining.subsystems.enableMarkets && mining.subsystems.enableMining && mining.subsystems.enableSealing)
        #expect(!mining.api.listenAddress.contains("0.0.0.0"), "the mining node's API stays on a private address")

        // The markets seed: `init service` forces the role; the seed's own sections must parse and not clash with the miner's port.
        let markets = try ConfigFile.parse(try Self.text("markets-node.toml"), file: "markets-node.toml")
        #expect(markets.api.listenAddress != mining.api.listenAddress)
        #expect(!markets.libp2p.listenAddresses.isEmpty && !markets.libp2p.announceAddresses.isEmpty)

        let daemon = try ConfigFile.parse(try Self.text("daemon.toml"), file: "daemon.toml", onto: FullNodeConfig.defaults)
        #expect(daemon.api.listenAddress == "/ip4/10.0.0.4/tcp/1234/http")
    }

    @Test("each systemd unit runs its node on its repo, restarts on failure, drains on SIGTERM, starts in order and is hardened")
    func units() throws {
        let units = [
            ("lotus-daemon.service", "ExecStart=/usr/local/bin/lotus daemon", "LOTUS_PATH=", nil as String?),
            ("lotus-miner.service", "ExecStart=/usr/local/bin/lotus-miner run", "LOTUS_MINER_PATH=/var/lib/lotus/.lotusminer", "After=network-online.target lotus-daemon.service"),
            ("lotus-markets.service", "ExecStart=/usr/local/bin/lotus-miner run", "LOTUS_MINER_PATH=/var/lib/lotus/.lotusmarkets", "After=network-online.target lotus-miner.service"),
        ]
        for (name, exec, repo, after) in units {
            let unit = try Self.text("systemd/" + name)
            let lines = Set(unit.split(separator: "\n").map(String.init))
            #expect(lines.contains(exec), "\(name)")
            #expect(lines.contains { $0.hasPrefix("Environment=" + repo) }, "\(name)")
            if let after { #expect(lines.contains(after), "\(name)") }
            for required in ["Restart=on-failure", "KillSignal=SIGTERM", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "CapabilityBoundingSet=", "User=lotus"] {
                #expect(lines.contains(required), "\(name): \(required)")
            }
            #expect(!lines.contains { $0.hasPrefix("BindsTo=") }, "\(name): a restart of one node never stops another")
            if name != "lotus-daemon.service" {
                #expect(lines.contains("EnvironmentFile=/etc/lotus/miner.env"), "\(name): FULLNODE_API_INFO")
            }
        }
    }
}
