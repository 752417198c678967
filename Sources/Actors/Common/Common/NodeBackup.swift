/// Writes a node's metadata datastore to a backup file: what `CreateBackup` (`lotus-miner backup`) does on a node
/// that keeps one. The node assembly supplies it; a node without one answers `CreateBackup` with an error.
public protocol NodeBackup: Sendable {
    /// Writes the backup to `path`, after checking that `path` may be written (Lotus's `LOTUS_BACKUP_BASE_PATH` rule).
    /// - Throws: ``APICore/RPCError`` with the message the operator sees.
    func createBackup(to path: String) async throws
}
