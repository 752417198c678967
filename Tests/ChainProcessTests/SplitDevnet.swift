import ConfigFile
import Foundation
import MeshTestKit
import Multiformats
import Testing

/// The split topology on a devnet, as the runbook sets it up: `lotus-miner init --owner` and a mining node
/// (`EnableMarkets = false`, a storage path attached), then a markets node whose `SealerApiInfo` and
/// `SectorIndexApiInfo` are the mining node's admin API info, with a free ask, and its libp2p address on loopback.
struct SplitDevnet {
    var mining: NodeProcess
    var markets: NodeProcess
    let miningConfig: String
    let marketsConfig: String
    let marketsRepo: String
    /// `FULLNODE_API_INFO` for both nodes.
    let environment: [String: String]
    /// The environment that sends `lotus-miner` commands to the markets node.
    let onMarkets: [String: String]
    let address: Multiaddr
    let peer: PeerID

    /// Starts both nodes with `config` appended to each config.toml.
    static func start(_ net: ChainDevnet, config: String) async throws -> SplitDevnet {
        let environment = try net.fullNodeEnvironment()
        let miningConfig = "[Subsystems]\n  EnableMarkets = false\n" + config
        let mining = try await net.startMiner(config: miningConfig)
        do {
            let apiInfo = try await net.miner("auth", "api-info", "--perm=admin").replacingOccurrences(of: "MINER_API_INFO=", with: "")
            let marketsRepo = net.home + "/markets"
            let marketsConfig = ConfigFile.marketsNodeSubsystems(apiInfo: apiInfo) + config
            let markets = try await NodeProcess.start(repo: marketsRepo, config: marketsConfig, environment: environment)
            let onMarkets = ["LOTUS_MARKETS_PATH": marketsRepo]
            let setAsk = try await net.run(
                "lotus-miner", ["storage-deals", "set-ask", "--price", "0", "--verified-price", "0", "--max-piece-size", "2KiB"], extra: onMarkets)
            #expect(setAsk.status == 0, "\(setAsk)")
            let listen = try await net.run("lotus-miner", ["net", "listen"], extra: onMarkets).stdout.split(separator: "\n").map(String.init)
            let address = try #require(listen.first { $0.hasPrefix("/ip4/127.0.0.1/") }, "\(listen)").components(separatedBy: "/p2p/")[0]
            let peer = try PeerID(try await net.run("lotus-miner", ["net", "id"], extra: onMarkets).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            return SplitDevnet(
                mining: mining, markets: markets, miningConfig: miningConfig, marketsConfig: marketsConfig, marketsRepo: marketsRepo,
                environment: environment, onMarkets: onMarkets, address: try Multiaddr(address), peer: peer)
        } catch {
            mining.kill()
            throw error
        }
    }
}
