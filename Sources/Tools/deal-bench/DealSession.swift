import APICore
import BenchSupport
import ChainTypes
import Foundation
import FullNodeAPI
import Libp2p
import Logging
import MarketsAPI
import Multiformats
import StorageMarketNetwork

/// A deal client against running bench nodes: the daemon's and the markets node's APIs, a free ask, and a libp2p
/// host of its own connected to the markets node.
struct DealSession: Sendable {
    let chain: SubsystemRef<FullNodeMethods>
    let markets: SubsystemRef<MarketsMethods>
    let client: StorageMarketClient
    let provider: PeerID
    let wallet: Address
    let network: NetworkParams
    private let host: Libp2pHost
    private let running: Task<Void, any Error>

    /// Connects to `nodes` and sets a free ask for 2 KiB pieces.
    static func open(_ nodes: BenchNodes) async throws -> DealSession {
        let chain = SubsystemRef<FullNodeMethods>.remote(try nodes.client(port: nodes.daemonPort, path: "/rpc/v1", repo: nodes.home + "/lotus"))
        let markets = SubsystemRef<MarketsMethods>.remote(try nodes.client(port: nodes.marketsAPIPort, path: "/rpc/v0", repo: nodes.marketsRepo))
        _ = try await markets.call(\.marketSetAsk, TokenAmount.zero, TokenAmount.zero, ChainEpoch(100_000), UInt64(256), UInt64(2048))
        var environment = nodes.environment
        environment["LOTUS_MINER_PATH"] = nodes.marketsRepo
        let listen = try await BenchNodes.run(nodes.bin, "lotus-miner", ["net", "listen"], environment).split(separator: "\n").map(String.init)
        guard let line = listen.first(where: { $0.hasPrefix("/ip4/127.0.0.1/") }) else { throw BenchError("no loopback address in \(listen)") }
        let address = try Multiaddr(line.components(separatedBy: "/p2p/")[0])
        let peer = try PeerID(try await BenchNodes.run(nodes.bin, "lotus-miner", ["net", "id"], environment))

        var logger = Logger(label: "deal-bench")
        logger.logLevel = .warning
        let host = Libp2pHost(
            config: Libp2pHostConfig(identity: Libp2pPrivateKey.generate(), listenAddresses: [try Multiaddr("/ip4/127.0.0.1/tcp/0")]), logger: logger)
        let running = Task { try await host.run() }
        do {
            _ = try await host.waitUntilListening()
            let provider = try await host.connect(try address.appending(.p2p(peer)))
            return DealSession(
                chain: chain, markets: markets, client: StorageMarketClient(host: host), provider: provider,
                wallet: try await chain.call(\.walletDefaultAddress), network: try await chain.call(\.stateGetNetworkParams), host: host,
                running: running)
        } catch {
            host.beginShutdown()
            running.cancel()
            throw error
        }
    }

    /// Stops the client's host.
    func close() {
        host.beginShutdown()
        running.cancel()
    }
}
