import ChainTypes
import ConfigFile
import Foundation
import Multiformats
import Repo
import SubsystemSupport

extension Repo {
    /// Writes a new miner repo for `minerAddress`, as `lotus-miner init` does once the actor exists: the commented
    /// default config.toml, the actor address in the metadata datastore (`/miner-address`), the libp2p key the chain
    /// names (`libp2p-host`, when the actor was just created with it) and the API secret and token. A failure removes
    /// what was written, so no half repo is left.
    /// - Throws: ``CLIError`` saying what failed.
    public func initializeMiner(address minerAddress: Address, identity: Libp2pPrivateKey?) throws {
        do {
            try initialize(configText: ConfigFile.commentedDefault())
            let datastore = try openDatastore()
            try datastore.put(MetadataKey.minerAddress, Array(minerAddress.description.utf8))
            try datastore.close()
            if let identity { try setLibp2pIdentity(identity) }
            _ = try jwtSecret()
        } catch {
            try? FileManager.default.removeItem(atPath: path.description)
            throw CLIError("writing the miner repo at '\(path)' failed (removed it again): \(error)")
        }
    }
}
