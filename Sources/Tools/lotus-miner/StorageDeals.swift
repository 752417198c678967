import APICore
import ArgumentParser
import CLISupport
import MarketsAPI

/// `lotus-miner storage-deals`: deal policy on the markets node.
struct StorageDeals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage-deals", abstract: "Manage storage deals and related configuration",
        subcommands: [
            List.self, ImportData.self, PendingPublish.self, GetAsk.self, SetAsk.self, DealSelection<StorageDealKind>.self, SetSealDuration.self, GetBlocklist.self, SetBlocklist.self,
            ResetBlocklist.self,
        ])

    struct SetSealDuration: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-seal-duration", abstract: "Set the expected time, in minutes, that you expect sealing sectors to take")
        @ParentCommand var root: LotusMiner
        @Argument var minutes: Int64
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.sectorSetExpectedSealDuration, minutes * 60_000_000_000)
        }
    }

    struct GetBlocklist: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-blocklist", abstract: "List the contents of the miner's piece CID blocklist")
        @ParentCommand var root: LotusMiner
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            for cid in try await node.markets.call(\.dealsPieceCidBlocklist) { print(cid.cid) }
        }
    }

    struct SetBlocklist: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-blocklist", abstract: "Set the miner's list of blocklisted piece CIDs")
        @ParentCommand var root: LotusMiner
        @Argument var cids: [String]
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dealsSetPieceCidBlocklist, cids.map(CIDLink.init))
        }
    }

    struct ResetBlocklist: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-blocklist", abstract: "Remove all entries from the miner's piece CID blocklist")
        @ParentCommand var root: LotusMiner
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dealsSetPieceCidBlocklist, [])
        }
    }
}
