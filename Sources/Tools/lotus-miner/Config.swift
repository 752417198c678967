import MinerConfig
import ArgumentParser
import CLISupport
import ConfigFile
import Repo

/// `lotus-miner config default|updated`: print the commented default config or the repo's config.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Manage node config", subcommands: [Default.self, Updated.self])

    struct Default: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print default node config")
        @Flag(name: .customLong("no-comment"), help: "don't comment default values")
        var noComment = false

        func run() async throws {
            if noComment {
                print(ConfigFile.render(.defaults, comment: false))
            } else {
                print(ConfigFile.commentedDefault())
            }
        }
    }

    struct Updated: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print updated node config")
        @ParentCommand var root: LotusMiner
        @Flag(name: .customLong("no-comment"), help: "don't include comments")
        var noComment = false

        func run() async throws {
            let repo = Repo(path: RepoPath(root.resolver.minerRepoPath.path))
            guard repo.exists else {
                throw CLIError("repo at '\(repo.path)' is not initialized, run 'lotus-miner init' to set it up")
            }
            let config = try ConfigFile.load(path: repo.configPath)
            print(try ConfigFile.updated(config, comment: !noComment))
        }
    }
}
