import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI

extension Wallet {
    /// `lotus wallet market add`: moves funds into the storage market actor's escrow (`MarketAddBalance`), as Lotus
    /// v1.17 does (it prints the message CID and does not wait).
    struct Market: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Interact with market balances", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add funds to the Storage Market Actor")
            @ParentCommand var root: Lotus
            @Option(
                name: [.customShort("f"), .customLong("from")],
                help: "Specify address to move funds from, otherwise it will use the default wallet address")
            var from: String?
            @Option(
                name: [.customShort("a"), .customLong("address")],
                help: "Market address to move funds to (account or miner actor address, defaults to --from address)")
            var address: String?
            @Argument(help: "the amount in FIL") var amount: String?

            func run() async throws {
                guard let amount else { throw CLIError("must pass amount to add") }
                let value = try parseFIL(amount, what: "'amount' argument")
                let node = try root.fullNode()
                let sender = try await walletAddress(from, on: node)
                let target = try address.map(parseAddress) ?? sender
                print("Submitting Add Balance message for amount \(value.fil) for address \(target)")
                let message = try await node.call(\.marketAddBalance, sender, target, value)
                print("AddBalance message cid: \(message)")
            }
        }
    }
}
