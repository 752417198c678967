import APICore
import ArgumentParser
import CLISupport
import SealingAPI

/// `lotus-miner sectors`: sealing settings on the mining node.
struct Sectors: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "interact with sector store", subcommands: [SetSealDelay.self, GetSealDelay.self])

    struct SetSealDelay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-seal-delay", abstract: "Set the time (in minutes) that a new sector waits for deals before sealing starts")
        @ParentCommand var root: LotusMiner
        @Argument var minutes: Int64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            _ = try await node.sealing.call(\.sectorSetSealDelay, minutes * 60_000_000_000)
        }
    }

    struct GetSealDelay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-seal-delay", abstract: "Print the time (in minutes) a new sector waits for deals")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            print(try await node.sealing.call(\.sectorGetSealDelay) / 60_000_000_000)
        }
    }
}
