import APICore
import ConfigFile
import FullNodeAPI
import Logging
import MinerConfig
import RPCAuth
import Repo
import SectorStorage
import SubsystemSupport

extension MinerNode.Dependencies {
    /// Opens what a node needs from its repo: config store over config.toml, the metadata datastore,
    /// storage.json, the JWT secret (created, with the `token` file, on first use) and, when Markets is enabled,
    /// the libp2p identity (keystore `libp2p-host`, created on first use). `chain` is the chain daemon's API, if the
    /// node has one.
    public static func open(
        repo: Repo, config: MinerConfig, connector: any RemoteConnector, logs: LogRegistry, logger: Logger,
        chain: SubsystemRef<FullNodeMethods>? = nil
    ) throws -> MinerNode.Dependencies {
        let secret = try repo.jwtSecret()
        var deps = MinerNode.Dependencies(
            configStore: FileConfigStore(config: config, path: repo.configPath),
            metadata: try repo.openDatastore(),
            storagePaths: RepoStoragePaths(repo: repo),
            authority: JWTAuthority(secret: secret),
            logs: logs,
            connector: connector,
            logger: logger,
            libp2pIdentity: config.subsystems.enableMarkets ? try repo.libp2pIdentity() : nil,
            chain: chain)
        deps.dealStagingPath = repo.path.appending("deal-staging")
        deps.dagstorePath = repo.path.appending("dagstore")
        return deps
    }
}
