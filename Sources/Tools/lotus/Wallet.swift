import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI

/// `lotus wallet new|list|balance|default|set-default|market`, with Lotus's output.
struct Wallet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage wallet", subcommands: [New.self, List.self, Balance.self, Default.self, SetDefault.self, Market.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a new key of the given type")
        @ParentCommand var root: Lotus
        @Argument(help: "secp256k1 (default) or ed25519; both make a devnet Ed25519 key with a t1 address")
        var type = "secp256k1"

        func run() async throws {
            print(try await root.fullNode().call(\.walletNew, type))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List wallet address")
        @ParentCommand var root: Lotus
        @Flag(name: [.customShort("a"), .customLong("addr-only")], help: "Only print addresses") var addrOnly = false
        @Flag(name: [.customShort("i"), .customLong("id")], help: "Output ID addresses") var id = false
        @Flag(name: [.customShort("m"), .customLong("market")], help: "Output market balances") var market = false

        func run() async throws {
            let node = try root.fullNode()
            let addresses = try await node.call(\.walletList)
            if addrOnly {
                for address in addresses { print(address) }
                return
            }
            let defaultAddress = try? await node.call(\.walletDefaultAddress)
            var table = TableWriter(["Address", "ID", "Balance", "Market(Avail)", "Market(Locked)", "Nonce", "Default", "Error"])
            for address in addresses {
                var row = ["Address": address.description]
                do {
                    let actor = try await node.call(\.stateGetActor, address, nil)
                    row["Balance"] = actor.balance.fil
                    row["Nonce"] = String(actor.nonce)
                } catch let error as RPCError where error.message.contains("actor not found") {
                    row["Balance"] = TokenAmount.zero.fil
                    row["Nonce"] = "0"
                }
                if address == defaultAddress { row["Default"] = "X" }
                if id {
                    row["ID"] = (try? await node.call(\.stateLookupID, address, nil))?.description ?? "n/a"
                }
                if market, let balance = try? await node.call(\.stateMarketBalance, address, nil) {
                    row["Market(Avail)"] = (balance.escrow - balance.locked).fil
                    row["Market(Locked)"] = balance.locked.fil
                }
                table.write(row)
            }
            print(table.render(), terminator: "")
        }
    }

    struct Balance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Get account balance")
        @ParentCommand var root: Lotus
        @Argument(help: "account address (default: the default wallet address)") var address: String?

        func run() async throws {
            let node = try root.fullNode()
            let target = try await walletAddress(address, on: node)
            print(try await node.call(\.walletBalance, target).fil)
        }
    }

    struct Default: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Get default wallet address")
        @ParentCommand var root: Lotus

        func run() async throws {
            print(try await root.fullNode().call(\.walletDefaultAddress))
        }
    }

    struct SetDefault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-default", abstract: "Set default wallet address")
        @ParentCommand var root: Lotus
        @Argument(help: "the address to make the default") var address: String?

        func run() async throws {
            guard let address else { throw CLIError("must pass address to set as default") }
            _ = try await root.fullNode().call(\.walletSetDefault, try parseAddress(address))
        }
    }
}

/// Parses a Filecoin address argument, with the reason when it is invalid.
func parseAddress(_ text: String) throws -> Address {
    do {
        return try Address(parsing: text)
    } catch {
        throw CLIError("invalid address '\(text)': \(error)")
    }
}
