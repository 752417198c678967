import ArgumentParser
import CLISupport
import ConfigFile
import Foundation
import MinerActors
import Repo

/// `lotus-miner init --actor ADDR`: creates the miner repo for an existing miner actor.
/// Creating a new actor on chain (`init` without `--actor`) needs the devnet daemon.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Initialize a lotus miner repo")
    @ParentCommand var root: LotusMiner

    @Option(help: "specify the address of an already created miner actor")
    var actor: String?

    @Option(name: .customLong("sector-size"), help: "specify sector size to use")
    var sectorSize: String = "2KiB"

    func run() async throws {
        guard let actor, !actor.isEmpty else {
            throw CLIError("creating a new miner actor needs a chain to send CreateMiner to; no devnet daemon is available in this build yet — pass --actor <address> of an existing actor")
        }
        guard actor.hasPrefix("t0") || actor.hasPrefix("f0"), actor.count > 2, actor.dropFirst(2).allSatisfy(\.isNumber) else {
            throw CLIError("invalid actor address '\(actor)': expected an ID address such as t01000")
        }
        let repo = Repo(path: RepoPath(root.resolver.minerRepoPath.path))
        if repo.exists { throw CLIError("repo at '\(repo.path)' is already initialized") }
        try repo.initialize(configText: ConfigFile.commentedDefault())
        let datastore = try repo.openDatastore()
        try datastore.put(MiningActor.minerAddressKey, Array(actor.utf8))
        try datastore.close()
        _ = try repo.jwtSecret()
        print("Initialized miner repo at \(repo.path) for actor \(actor) (sector size \(sectorSize))")
    }
}
