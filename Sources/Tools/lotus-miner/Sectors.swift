import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import Foundation
import MarketsAPI
import MiningAPI
import Multiformats
import SealingAPI

/// `lotus-miner sectors`: the sealing pipeline on the mining node.
struct Sectors: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "interact with sector store",
        subcommands: [
            Pledge.self, List.self, Status.self, Refs.self, Remove.self, Seal.self, Unseal.self, Batching.self, SetSealDelay.self,
            GetSealDelay.self,
        ])

    struct Pledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "store random data in a sector")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let sector = try await node.sealing.call(\.pledgeSector)
            print("Created CC sector: ", sector.number)
        }
    }

    struct List: AsyncParsableCommand {
        /// One sector in `--format json`.
        struct Row: Encodable {
            let id: UInt64
            let state: String
            let deals: [UInt64]
            enum CodingKeys: String, CodingKey { case id = "ID", state = "State", deals = "Deals" }
        }

        static let configuration = CommandConfiguration(abstract: "List sectors")
        @ParentCommand var root: LotusMiner
        @Option(help: "filter sectors by a comma-separated list of states") var states: String?
        @Option(help: "output format: table or json") var format = "table"

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let numbers: [UInt64]
            if let states {
                let wanted = states.split(separator: ",").map { SectorState(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
                numbers = try await node.sealing.call(\.sectorsListInStates, wanted)
            } else {
                numbers = try await node.sealing.call(\.sectorsList)
            }
            guard format == "table" || format == "json" else { throw CLIError("unknown --format \(format): table or json") }
            var table = TableWriter(["ID", "State", "Deals"])
            var rows: [Row] = []
            for number in numbers {
                let status = try await node.sealing.call(\.sectorsStatus, number, false)
                table.write(["ID": String(number), "State": status.state.description, "Deals": status.deals.isEmpty ? "CC" : "\(status.deals)"])
                rows.append(Row(id: number, state: status.state.description, deals: status.deals))
            }
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            } else {
                print(table.render(), terminator: "")
            }
        }
    }

    struct Refs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List References to sectors")
        @ParentCommand var root: LotusMiner

        /// Lotus prints `Block <deal ID>:` and a tab-indented `sector+offset size bytes` line per ref.
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let refs = try await node.markets.call(\.sectorsRefs)
            for (deal, list) in refs.sorted(by: { (UInt64($0.key) ?? 0) < (UInt64($1.key) ?? 0) }) {
                print("Block \(deal):")
                for ref in list { print("\t\(ref.sectorID)+\(ref.offset) \(ref.size) bytes") }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forcefully remove a sector (WARNING: This means losing power and collateral for the removed sector (use 'terminate' for lower penalty))")
        @ParentCommand var root: LotusMiner
        @Flag(name: .customLong("really-do-it"), help: "pass this flag if you know what you are doing") var reallyDoIt = false
        @Argument(help: "sector number") var sector: UInt64

        func run() async throws {
            guard reallyDoIt else { throw CLIError("this is a command for advanced users, only use it if you are sure of the consequences") }
            let node = try NodeConnection(.miner, resolver: root.resolver)
            _ = try await node.sealing.call(\.sectorRemove, sector)
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manually start sealing a sector (filling any unused space with junk)")
        @ParentCommand var root: LotusMiner
        @Argument(help: "sector number") var sector: UInt64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            _ = try await node.sealing.call(\.sectorStartSealing, sector)
        }
    }

    struct Unseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "unseal a sector")
        @ParentCommand var root: LotusMiner
        @Argument(help: "sector number") var sector: UInt64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let status = try await node.sealing.call(\.sectorsStatus, sector, false)
            guard let ticket = status.ticket else { throw CLIError("sector \(sector) has no ticket: it is not sealed yet (\(status.state))") }
            let miner = try parseAddress(try await node.mining.call(\.actorAddress), what: "miner actor address")
            guard let minerID = miner.id, let size = SectorSize(sealProof: status.sealProof) else {
                throw CLIError("sector \(sector) has seal proof type \(status.sealProof), unknown here")
            }
            _ = try await node.sealing.call(
                \.sectorsUnsealPiece, SectorRef(id: SectorID(miner: minerID, number: sector), proofType: status.sealProof), UInt64(0),
                size.bytes / 128 * 127, ticket.value, status.commD)
        }
    }

    struct Batching: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "manage batch sector operations", subcommands: [BatchCommand<PreCommitBatch>.self, BatchCommand<CommitBatch>.self])
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Get the seal status of a sector by its number")
        @ParentCommand var root: LotusMiner
        @Flag(help: "display event log") var log = false
        @Argument(help: "sector number") var sector: UInt64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let status = try await node.sealing.call(\.sectorsStatus, sector, false)
            print("SectorID:\t\(status.sectorID)")
            print("Status:\t\t\(status.state)")
            print("CIDcommD:\t\(status.commD?.description ?? "<nil>")")
            print("CIDcommR:\t\(status.commR?.description ?? "<nil>")")
            print("Ticket:\t\t\(Hex.encode(status.ticket?.value.bytes ?? []))")
            print("TicketH:\t\(status.ticket?.epoch ?? 0)")
            print("Seed:\t\t\(Hex.encode(status.seed?.value.bytes ?? []))")
            print("SeedH:\t\t\(status.seed?.epoch ?? 0)")
            print("Precommit:\t\(status.preCommitMessage?.description ?? "<nil>")")
            print("Commit:\t\t\(status.commitMessage?.description ?? "<nil>")")
            print("Deals:\t\t\(status.deals)")
            print("Retries:\t\(status.retries)")
            if !status.lastError.isEmpty { print("Last Error:\t\t\(status.lastError)") }
            guard log else { return }
            print("--------\nEvent Log:")
            let formatter = ISO8601DateFormatter()
            for (index, entry) in status.log.enumerated() {
                let time = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(entry.timestamp)))
                print("\(index).\t\(time)\t\(entry.kind)" + (entry.message.isEmpty ? "" : "\n\t\(entry.message)"))
            }
        }
    }

    struct SetSealDelay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-seal-delay", abstract: "Set the time (in minutes) that a new sector waits for deals before sealing starts")
        @ParentCommand var root: LotusMiner
        @Argument var minutes: Int64

        func run() async throws {
            let (nanoseconds, overflow) = minutes.multipliedReportingOverflow(by: 60_000_000_000)
            guard !overflow else { throw CLIError("\(minutes) minutes is too long a delay") }
            let node = try NodeConnection(.miner, resolver: root.resolver)
            _ = try await node.sealing.call(\.sectorSetSealDelay, nanoseconds)
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

/// Which batcher a `sectors batching` command looks at.
protocol BatchKind {
    static var name: String { get }
    static var abstract: String { get }
    static var nothing: String { get }
    static var pending: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [SectorID]>> { get }
    static var flush: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [BatchResult]>> { get }
}

enum PreCommitBatch: BatchKind {
    static let name = "precommit"
    static let abstract = "list sectors waiting in precommit batch queue"
    static let nothing = "No sectors queued to be precommitted"
    static var pending: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [SectorID]>> { \.sectorPreCommitPending }
    static var flush: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [BatchResult]>> { \.sectorPreCommitFlush }
}

enum CommitBatch: BatchKind {
    static let name = "commit"
    static let abstract = "list sectors waiting in commit batch queue"
    static let nothing = "No sectors queued to be committed"
    static var pending: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [SectorID]>> { \.sectorCommitPending }
    static var flush: KeyPath<SealingMethods, RPCMethod<any SealingAPI, Args0, [BatchResult]>> { \.sectorCommitFlush }
}

/// `sectors batching precommit|commit [--publish-now]`: the sectors a batcher holds, or (with `--publish-now`) the
/// batches it sends now, as Lotus prints them.
struct BatchCommand<Kind: BatchKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: Kind.name, abstract: Kind.abstract) }
    @ParentCommand var root: LotusMiner
    @Flag(name: .customLong("publish-now"), help: "send a batch now") var publishNow = false

    func run() async throws {
        let node = try NodeConnection(.miner, resolver: root.resolver)
        if publishNow {
            let results = try await node.sealing.call(Kind.flush)
            if results.isEmpty { print(Kind.nothing) }
            for (index, result) in results.enumerated() {
                print("Batch \(index):")
                print(result.error.isEmpty ? "\tMessage: \(result.message?.description ?? "")" : "\tError: \(result.error)")
                print("\tSectors:")
                for sector in result.sectors { print("\t\t\(sector)\t\(result.error.isEmpty ? "OK" : "ERROR \(result.error)")") }
            }
        } else {
            let pending = try await node.sealing.call(Kind.pending)
            if pending.isEmpty { print(Kind.nothing) }
            for sector in pending { print(sector.number) }
        }
    }
}
