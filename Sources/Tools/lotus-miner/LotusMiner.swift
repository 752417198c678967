import APICore
import ArgumentParser
import CLISupport
import CommonAPI
import MinerNode
import NetAPI
import SubsystemSupport

/// `lotus-miner`: runs a storage-provider node and sends each command to the node that owns it.
@main
struct LotusMiner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus-miner",
        abstract: "Filecoin decentralized storage network miner",
        version: "lotus-miner version 1.17.2+swift-devnet",
        subcommands: [
            Run.self, Init.self, Stop.self, VersionCommand.self, Auth.self, Log.self, ConfigCommand.self, Info.self,
            Storage.self, Sectors.self, Proving.self, Backup.self, SealingCommand.self, StorageDeals.self, RetrievalDeals.self, DataTransfers.self, Dagstore.self, Pieces.self, ActorCommand.self, Net.self,
        ])

    @Option(name: [.customLong("miner-repo"), .customLong("storagerepo")], help: "Miner repo path (env LOTUS_MINER_PATH)")
    var minerRepo: String?

    @Option(name: .customLong("markets-repo"), help: "Markets repo path (env LOTUS_MARKETS_PATH)")
    var marketsRepo: String?

    @Flag(name: .customLong("call-on-markets"), help: "Send common commands (auth, log, stop, version) to the markets node")
    var callOnMarkets = false

    /// The process's loggers (`lotus-miner log list` on a running node shows the node's).
    static let logs = LogRegistry(subsystems: MinerNode.loggerNames)

    /// How endpoints are found for this invocation.
    var resolver: EndpointResolver {
        EndpointResolver(minerRepoFlag: minerRepo, marketsRepoFlag: marketsRepo)
    }

    /// The node a common command targets.
    var commonTarget: EndpointResolver.NodeKind { callOnMarkets ? .markets : .miner }

    /// Prints errors as Lotus does (`ERROR: …`, exit 1) instead of ArgumentParser's usage dump.
    static func main() async {
        await CommandRunner.main(Self.self, logs: logs)
    }
}

extension LotusMiner: NetCommandRoot {
    static var toolName: String { "lotus-miner" }

    /// The markets node's Net API (its libp2p host).
    func netAPI() throws -> SubsystemRef<NetMethods> { try NodeConnection(.markets, resolver: resolver).net }
}

/// `lotus-miner net`.
typealias Net = NetCommand<LotusMiner>
