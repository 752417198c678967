import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import Foundation
import FullNodeAPI

/// `lotus chain head [--height]`: the head's block CIDs, one per line (or its height).
struct Chain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Interact with filecoin blockchain", subcommands: [Head.self])

    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print chain head")
        @ParentCommand var root: Lotus
        @Flag(help: "print just the epoch number of the chain head") var height = false

        func run() async throws {
            let head = try await root.fullNode().call(\.chainHead)
            if height {
                print(head.height)
            } else {
                for cid in head.key.cids { print(cid) }
            }
        }
    }
}

/// `lotus mpool pending [--local] [--cids] [--to A] [--from A]`: pending messages as JSON indented as Go's
/// `json.MarshalIndent` does (keys sorted), or their CIDs.
struct Mpool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage message pool", subcommands: [Pending.self])

    struct Pending: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Get pending messages")
        @ParentCommand var root: Lotus
        @Flag(help: "print pending messages for addresses in local wallet only") var local = false
        @Flag(help: "only print cids of messages in output") var cids = false
        @Option(help: "return messages to a given address") var to: String?
        @Option(help: "return messages from a given address") var from: String?

        func run() async throws {
            let node = try root.fullNode()
            let toAddress = try to.map(parseAddress)
            let fromAddress = try from.map(parseAddress)
            let wallet = local ? Set(try await node.call(\.walletList)) : nil
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for signed in try await node.call(\.mpoolPending, nil) {
                if let wallet, !wallet.contains(signed.message.from) { continue }
                if let toAddress, signed.message.to != toAddress { continue }
                if let fromAddress, signed.message.from != fromAddress { continue }
                if cids {
                    print(signed.cid)
                } else {
                    print(GoJSONIndent.indent(Array(try encoder.encode(signed))))
                }
            }
        }
    }
}
