import APICore
import Common
import Repo
import SubsystemSupport

/// `CreateBackup` on a miner node: every entry of the metadata datastore (sectors, deals, pieces, the actor address —
/// all a restore needs), read as one consistent state, written in Lotus's backup format to a file inside
/// `LOTUS_BACKUP_BASE_PATH`.
public struct DatastoreBackup: NodeBackup {
    let metadata: any MetadataStore
    let base: BackupBasePath

    public init(metadata: any MetadataStore, base: BackupBasePath) {
        self.metadata = metadata
        self.base = base
    }

    public func createBackup(to path: String) async throws {
        do {
            let file = try base.resolve(path)
            // One query is one SQLite read transaction: a snapshot that writers do not disturb.
            try MetadataBackup.write(try metadata.query(prefix: "/"), to: file)
        } catch let error as RepoError {
            throw RPCError(.methodError, error.message)
        }
    }
}
