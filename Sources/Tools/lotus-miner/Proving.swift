import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import MiningAPI

/// `lotus-miner proving`: the miner's Window PoSt schedule and its sectors' standing, from the chain.
struct Proving: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "View proving information", subcommands: [Info.self, Deadlines.self])

    /// The report for the miner the mining node runs, over the daemon the CLI finds.
    static func report(_ root: LotusMiner) async throws -> ProvingReport {
        let node = try NodeConnection(.miner, resolver: root.resolver)
        let miner = try parseAddress(try await node.mining.call(\.actorAddress), what: "miner actor address")
        return ProvingReport(chain: try MinerActorClient(resolver: root.resolver).chain, miner: miner)
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "View current state information")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            for line in try await Proving.report(root).info() { print(line) }
        }
    }

    struct Deadlines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "View the current proving period deadlines information")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            print(try await Proving.report(root).deadlines(), terminator: "")
        }
    }
}
