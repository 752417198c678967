import ArgumentParser
import CLISupport
import MinerNode
import NodeRuntime

/// `lotus-miner run`: starts the node in `LOTUS_MINER_PATH` with the subsystems its config enables.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a lotus miner process")

    @ParentCommand var root: LotusMiner

    func run() async throws {
        let path = root.resolver.minerRepoPath.path
        try await MinerNodeRunner(repoPath: path).run(logs: LotusMiner.logs)
    }
}
