import ArgumentParser
import CLISupport
import FullNodeAPI

/// `lotus-miner info`: asks both nodes (the same one in a monolith) which subsystems they run, then the chain
/// daemon about the miner actor (``CLISupport/MinerInfoReport``).
struct Info: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print miner info")
    @ParentCommand var root: LotusMiner

    func run() async throws {
        let miner = try NodeConnection(.miner, resolver: root.resolver)
        let markets = try NodeConnection(.markets, resolver: root.resolver)
        let resolver = root.resolver
        let report = MinerInfoReport(
            minerCommon: miner.common, mining: miner.mining, marketsCommon: markets.common, markets: markets.markets,
            chain: { try MinerActorClient(resolver: resolver).chain })
        try await report.write { print($0) }
    }
}
