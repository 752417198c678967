import APICore
import ChainState
import ChainStore
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import HTTP2Transport
import JSONRPC
import Logging

/// The system under test: a devnet chain in this process — the daemon's ``FullNodeActor`` over its SQLite
/// ``ChainStore`` in a temporary directory, genesis funding the bench wallets — served over HTTP/2 JSON-RPC on
/// 127.0.0.1, with epochs produced every `blockTime` as the daemon's clock does.
struct BenchChain: Sendable {
    let actor: FullNodeActor
    let store: ChainStore
    let http: HTTPRPCServer
    let serving: Task<Void, any Error>
    let port: Int
    let directory: String
    let keys: [WalletKey]

    static let rpcPath = "/rpc/v1"

    static func start(wallets: Int, blockTime: Duration) async throws -> BenchChain {
        let logger = Logger(label: "chain-bench") { _ in SwiftLogNoOpLogHandler() }
        let directory = NSTemporaryDirectory() + "chain-bench-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var network = NetworkParams()
        network.blockDelayMillis = Int64(blockTime.components.seconds * 1000 + blockTime.components.attoseconds / 1_000_000_000_000_000)
        let keys = (0..<wallets).map { _ in WalletKey.generate() }
        let store = try ChainStore(path: directory + "/" + ChainStore.fileName)
        let (_, genesis) = try DevnetChain.genesis(
            network: network, accounts: keys.map { ($0.address, TokenAmount(wholeFIL: 10_000)) },
            timestamp: UInt64(Date().timeIntervalSince1970))
        try store.commit(genesis)
        guard let stored = try store.load(recentEpochs: network.randomnessLookback) else {
            throw BenchFailure("the chain store has no head after genesis")
        }
        let actor = try FullNodeActor(network: network, stored: stored, store: store, wallet: MemoryWallet(keys), logger: logger)
        var table = RouteTable()
        table.serve(actor)
        let rpc = RPCServer(routes: table.routes, authority: nil, logger: logger)
        let http = HTTPRPCServer(
            configuration: .init(host: "127.0.0.1", port: 0, paths: [rpcPath], shutdownGracePeriod: .seconds(1)),
            rpcServer: rpc, logger: logger)
        let serving = Task { try await http.run() }
        let port = try await http.boundPort()
        return BenchChain(actor: actor, store: store, http: http, serving: serving, port: port, directory: directory, keys: keys)
    }

    /// A full node client on one HTTP/2 connection.
    func client() -> SubsystemRef<FullNodeMethods> {
        .remote(RPCClient(transport: HTTP2ClientTransport(endpoint: APIEndpoint(host: "127.0.0.1", port: port), path: Self.rpcPath, token: nil)))
    }

    /// Produces an epoch every `blockTime` (scheduled from the start, so slow epochs do not drift) until cancelled.
    func produceEpochs(every blockTime: Duration) -> Task<Void, any Error> {
        Task {
            let clock = ContinuousClock()
            var next = clock.now
            while !Task.isCancelled {
                next = next.advanced(by: blockTime)
                try await Task.sleep(until: next, clock: clock)
                let height = await actor.head().height
                _ = try await actor.tick(height: height + 1)
            }
        }
    }

    func stop() async {
        http.beginGracefulShutdown()
        _ = try? await serving.value
        try? store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
