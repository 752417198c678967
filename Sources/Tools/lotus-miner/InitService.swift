import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import CommonAPI
import ConfigFile
import Foundation
import FullNodeAPI
import Logging
import MinerConfig
import MinerNode
import Multiformats
import NodeRuntime
import Repo
import SubsystemSupport

/// `lotus-miner --markets-repo=DIR init service --type=markets --api-sealer=… --api-sector-index=… --config=SEED BACKUP`:
/// makes a markets node's repo out of a monolith's backup (runbook step 5; Lotus `cmd/lotus-miner/init_service.go`).
///
/// Every check runs before anything is written: the flags (Lotus's messages), the chain daemon, the backup file (its
/// checksum), the seed config, both APIs of the running mining node (its version, as `checkApiInfo`), the actor in the
/// backup and its worker key in the daemon's wallet. Then the repo is written — the seed config with the markets role
/// forced, the whole metadata restored, a new libp2p identity — and `ChangePeerID` is sent from the worker and waited
/// for, so clients dial the new node. A failure at any step leaves no repo behind (Lotus leaves a half one).
struct InitService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Initialize a lotus miner sub-service")
    @ParentCommand var root: LotusMiner

    @Option(help: "config file (config.toml)") var config: String
    @Flag(help: "don't check full-node sync status") var nosync = false
    @Option(help: "type of service to be enabled") var type: [String] = []
    @Option(name: .customLong("api-sealer"), help: "sealer API info (lotus-miner auth api-info --perm=admin)")
    var apiSealer: String?
    @Option(name: .customLong("api-sector-index"), help: "sector Index API info (lotus-miner auth api-info --perm=admin)")
    var apiSectorIndex: String?
    @Argument(help: "backup file (lotus-miner backup)") var backupFile: String

    func validate() throws {
        // Lotus's checks and messages, in its order.
        guard !type.isEmpty else { throw CLIError("at least one module must be enabled") }
        guard type.contains("markets") else { throw CLIError("markets module must be enabled") }
        if let unknown = type.first(where: { $0 != "markets" }) {
            throw CLIError("unknown module '\(unknown)': only markets can run as a service")
        }
        guard let apiSealer, !apiSealer.isEmpty else { throw CLIError("--api-sealer is required without the sealer module enabled") }
        guard let apiSectorIndex, !apiSectorIndex.isEmpty else {
            throw CLIError("--api-sector-index is required without the sector storage module enabled")
        }
    }

    func run() async throws {
        guard let location = root.resolver.marketsRepoPath else {
            throw CLIError("please provide Lotus markets repo path via flag markets-repo")
        }
        let repo = Repo(path: RepoPath(location.path))
        let chain = try await connectFullNode()

        let backupPath = (backupFile as NSString).expandingTildeInPath
        let backup = try MetadataBackup.read(from: backupPath)
        print("Checking if repo exists")
        if repo.exists { throw CLIError("repo at '\(repo.path)' is already initialized") }

        let configPath = (config as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw CLIError("--config \(configPath): no such file (the seed config.toml for the markets node)")
        }
        var markets = try ConfigFile.load(path: configPath)
        let sealer = try await checkAPIInfo(apiSealer ?? "", flag: "--api-sealer")
        let index = try await checkAPIInfo(apiSectorIndex ?? "", flag: "--api-sector-index")
        // The markets role, whatever the seed says: Markets here, everything else on the mining node.
        markets.subsystems.enableMarkets = true
        markets.subsystems.enableMining = false
        markets.subsystems.enableSealing = false
        markets.subsystems.enableSectorStorage = false
        markets.subsystems.sealerApiInfo = sealer
        markets.subsystems.sectorIndexApiInfo = index

        guard let stored = backup.first(where: { $0.key == MetadataKey.minerAddress }) else {
            throw CLIError("backup \(backupPath) has no \(MetadataKey.minerAddress): it is not a backup of a miner repo")
        }
        let miner = try parseAddress(String(decoding: stored.value, as: UTF8.self), what: "miner actor address in the backup")
        print("ACTOR ADDRESS: \(miner)")
        let info = try await chain.minerInfo(miner)
        print("SECTOR SIZE: \(LotusFormat.bytesSize(info.sectorSize.bytes))")
        let workerKey = try await chain.chain.call(\.stateAccountKey, info.worker, nil)
        guard try await chain.chain.call(\.walletHas, workerKey) else {
            throw CLIError("worker address \(workerKey) for miner actor \(miner) not present in full node wallet")
        }

        print("Initializing repo")
        let identity = Libp2pPrivateKey.generate()
        print("Restoring metadata backup (\(backup.count) entries)")
        try repo.initializeService(config: markets, backup: backup, identity: identity)
        do {
            print("Updating the miner's peer ID to \(identity.publicKey.peerID)")
            try await chain.setPeerID(identity.publicKey.peerID, miner: miner)
        } catch {
            try? FileManager.default.removeItem(atPath: repo.path.description)
            throw CLIError("update peer id message failed: \(error) (removed \(repo.path) again)")
        }
        print("Markets node repo initialized at \(repo.path).")
        print("Next: set EnableMarkets = false on the mining node and restart it, then start this node with `LOTUS_MINER_PATH=\(repo.path) lotus-miner run`.")
    }

    /// The chain daemon the CLI finds, checked to speak the v1 API (Lotus: "Remote API version didn't match").
    func connectFullNode() async throws -> MinerActorClient {
        print("Trying to connect to full node RPC")
        let connection = try NodeConnection(.fullNode, resolver: root.resolver)
        let version: APIVersionInfo
        do {
            version = try await connection.common.call(\.version)
        } catch {
            throw CLIError("getting full node api: \(error) (\(connection.resolution.source))")
        }
        guard version.apiVersion.isCompatible(with: .fullNodeAPI) else {
            throw CLIError("Remote API version didn't match (expected \(SemanticVersion.fullNodeAPI), remote \(version.apiVersion))")
        }
        // The devnet daemon makes its own blocks, so it is always in sync; `--nosync` has nothing to skip here.
        return MinerActorClient(chain: .remote(connection.client), progress: { print($0) })
    }

    /// `TOKEN:MULTIADDR` for the config, after reaching the mining node with it (Lotus `checkApiInfo`: the raw
    /// `MINER_API_INFO=…` line is accepted; the node must be running and speak the miner API version).
    func checkAPIInfo(_ info: String, flag: String) async throws -> String {
        let value = MinerNode.apiInfoValue(info)
        do {
            _ = try await MinerNode.connectService(value, key: flag, connector: HTTP2Connector(), logger: Logger(label: "init") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            throw CLIError("checking api info (\(flag)): \(error)")
        }
        return value
    }
}
