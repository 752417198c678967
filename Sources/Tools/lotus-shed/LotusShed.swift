import ArgumentParser
import Foundation
import Repo

/// `lotus-shed`: operator tools that work on a stopped node's repo.
@main
struct LotusShed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lotus-shed", abstract: "A Swiss Army knife for lotus", subcommands: [Market.self])
}

/// `lotus-shed market export-datastore | import-datastore`: move deal metadata between repos (rollback of a split).
struct Market: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Interact with the market actor", subcommands: [ExportDatastore.self, ImportDatastore.self])

    /// The metadata prefixes that belong to the markets subsystem.
    static let prefixes = ["/deals/provider", "/retrievals/provider", "/storagemarket"]

    struct ExportDatastore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export-datastore", abstract: "export markets datastore key/values to a file")
        @Option(help: "path to the repo") var repo: String
        @Option(name: .customLong("backup-dir"), help: "path to the backup directory") var backupDir = NSTemporaryDirectory()

        func run() async throws {
            let repo = Repo(path: RepoPath(self.repo))
            guard repo.exists else { throw ValidationError("repo at '\(repo.path)' is not initialized") }
            let lock = try repo.lock()
            defer { lock.unlock() }
            let datastore = try repo.openDatastore()
            var entries: [(key: String, value: [UInt8])] = []
            for prefix in Market.prefixes {
                for entry in try datastore.query(prefix: prefix) {
                    print("Exporting key \(entry.key)")
                    entries.append(entry)
                }
            }
            try datastore.close()
            let dir = (backupDir as NSString).expandingTildeInPath
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = (dir as NSString).appendingPathComponent("markets.datastore.backup")
            try MetadataBackup.write(entries, to: path)
            print("Wrote backup file to \(path)")
        }
    }

    struct ImportDatastore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import-datastore", abstract: "import markets datastore key/values from a backup file")
        @Option(help: "path to the repo") var repo: String
        @Option(name: .customLong("backup-path"), help: "path to the backup file") var backupPath: String

        func run() async throws {
            let repo = Repo(path: RepoPath(self.repo))
            guard repo.exists else { throw ValidationError("repo at '\(repo.path)' is not initialized") }
            let lock = try repo.lock()
            defer { lock.unlock() }
            let path = (backupPath as NSString).expandingTildeInPath
            print("Importing from backup file \(path)")
            let entries = try MetadataBackup.read(from: path)
            let datastore = try repo.openDatastore()
            try datastore.batch(entries.map { ($0.key, $0.value) })
            try datastore.close()
            print("Completed importing from backup file \(path)")
        }
    }
}
