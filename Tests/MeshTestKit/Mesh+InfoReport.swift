import APICore
import CLISupport
import CommonAPI
import FullNodeAPI
import MarketsAPI
import MiningAPI

extension Mesh {
    /// `lotus-miner info` over this mesh: its nodes, and its daemon's chain.
    /// - Throws: when the mesh has no chain daemon.
    public func infoReport() throws -> MinerInfoReport {
        guard let daemon else { throw ProcessFailure("this mesh runs no chain daemon (Mesh.with(…, chain: true))") }
        let chain = SubsystemRef<FullNodeMethods>.remote(try daemon.client())
        return MinerInfoReport(
            minerCommon: try ref(CommonMethods.self, on: miningNode), mining: try ref(MiningMethods.self, on: miningNode),
            marketsCommon: try ref(CommonMethods.self, on: marketsNode), markets: try ref(MarketsMethods.self, on: marketsNode),
            chain: { chain })
    }
}
