import APICore
import ArgumentParser
import CLISupport
import ClientAPI
import DaemonNode
import FullNodeAPI
import NetAPI
import SubsystemSupport

/// `lotus`: the devnet chain daemon (`lotus daemon --devnet`) and the commands that talk to it. Commands find the
/// daemon as Lotus does: `FULLNODE_API_INFO`, else the `api` and `token` files of `--repo` / `LOTUS_PATH`
/// (default `~/.lotus`).
@main
struct Lotus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotus", abstract: "Filecoin decentralized storage network client (devnet)",
        version: "lotus version \(APIVersionInfo.buildVersion)",
        subcommands: [
            DaemonCommand.self, WaitAPI.self, VersionCommand.self, Auth.self, Wallet.self, Send.self, Chain.self,
            Mpool.self, State.self, NetCommand<Lotus>.self, Client.self,
        ])

    @Option(name: .customLong("repo"), help: "Repo path of the daemon (env LOTUS_PATH, default ~/.lotus)")
    var repo: String?

    /// The process's loggers (the daemon's when this process runs `lotus daemon`).
    static let logs = LogRegistry(subsystems: DaemonRunner.loggerNames)

    /// How the daemon's endpoint is found for this invocation.
    var resolver: EndpointResolver { EndpointResolver(fullNodeRepoFlag: repo) }

    /// A connection to the daemon.
    func connect() throws -> NodeConnection { try NodeConnection(.fullNode, resolver: resolver) }

    static func main() async {
        await CommandRunner.main(Self.self, logs: logs)
    }
}

extension Lotus {
    /// The daemon's full node API.
    func fullNode() throws -> SubsystemRef<FullNodeMethods> { .remote(try connect().client) }

    /// The daemon's storage client methods (served beside the full node API).
    func storageClient() throws -> SubsystemRef<ClientMethods> { .remote(try connect().client) }
}

extension Lotus: NetCommandRoot {
    static var toolName: String { "lotus" }

    /// The daemon's Net API (its libp2p host).
    func netAPI() throws -> SubsystemRef<NetMethods> { try connect().net }
}
