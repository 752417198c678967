import APICore
import ArgumentParser
import CLISupport
import CommonAPI
import Foundation
import Repo

/// `lotus-miner backup [--offline] FILE`: the node's metadata datastore (sectors, deals, pieces, the actor address)
/// in Lotus's backup format. Online, the running node writes it (`CreateBackup`), inside its `LOTUS_BACKUP_BASE_PATH`;
/// offline, this process reads the stopped node's repo under its lock. The mining node by default; with
/// `--call-on-markets` the markets node (Lotus cannot back up a markets node online, #7044).
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create node metadata backup",
        discussion: """
            The backup command writes a copy of node metadata under the specified path

            Online backups:
            For security reasons, the daemon must be have LOTUS_BACKUP_BASE_PATH env var set
            to a path where backup files are supposed to be saved, and the path specified in
            this command must be within this base path
            """)
    @ParentCommand var root: LotusMiner

    @Flag(help: "create backup without the node running") var offline = false

    @Argument(help: "backup file path") var path: String

    func run() async throws {
        // The node resolves relative paths against its own directory; send what the operator means here.
        let file = BackupBasePath.absolute(path)
        if offline {
            try offlineBackup(to: file)
        } else {
            try await onlineBackup(to: file)
        }
        print("Success")
    }

    func onlineBackup(to file: String) async throws {
        let node: NodeConnection
        do {
            node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            _ = try await node.common.call(\.version)
        } catch {
            throw CLIError("getting api: \(error) (if the node isn't running you can use the --offline flag)")
        }
        _ = try await node.common.call(\.createBackup, file)
    }

    /// Reads the repo of the stopped node: the markets repo with `--call-on-markets`, else the miner repo.
    func offlineBackup(to file: String) throws {
        let resolver = root.resolver
        let location = root.callOnMarkets ? (resolver.marketsRepoPath ?? resolver.minerRepoPath) : resolver.minerRepoPath
        let repo = Repo(path: RepoPath(location.path))
        guard repo.exists else {
            throw CLIError("repo at '\(repo.path)' (\(location.source)) is not initialized")
        }
        let lock = try repo.lock()
        defer { lock.unlock() }
        let datastore = try repo.openDatastore()
        defer { try? datastore.close() }
        try MetadataBackup.write(try datastore.query(prefix: "/"), to: file)
    }
}
