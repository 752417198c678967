import ConfigFile
import Foundation
import MinerConfig
import Multiformats
import Repo

extension Repo {
    /// Writes a markets node's repo as `lotus-miner init service --type=markets` does once every check has passed:
    /// `config` as plain TOML (Lotus's `SetConfig` writes it uncommented), the metadata datastore restored from
    /// `backup` in one transaction, and `identity` as the keystore's `libp2p-host` key. `storage.json` lists no paths
    /// (the operator points it at shared storage, runbook step 7). No token is written: the node makes one on its
    /// first run. A failure removes what was written, so no half repo is left to refuse the next try.
    /// - Throws: ``CLIError`` saying what failed.
    public func initializeService(
        config: MinerConfig, backup: [(key: String, value: [UInt8])], identity: Libp2pPrivateKey
    ) throws {
        do {
            try initialize(configText: ConfigFile.render(config, comment: false))
            let datastore = try openDatastore()
            defer { try? datastore.close() }
            try datastore.batch(backup.map { ($0.key, $0.value) })
            try setLibp2pIdentity(identity)
            try setStorageConfig(StorageConfigFile())
        } catch {
            try? FileManager.default.removeItem(atPath: path.description)
            throw CLIError("writing the markets repo at '\(path)' failed (removed it again): \(error)")
        }
    }
}
