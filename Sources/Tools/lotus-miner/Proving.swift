import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI
import MiningAPI

/// `lotus-miner proving`: the miner's Window PoSt schedule and its sectors' standing, from the chain.
struct Proving: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "View proving information", subcommands: [Info.self, Deadlines.self, Deadline.self, Faults.self, Check.self])

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

    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "View the current proving period deadline information by its index")
        @ParentCommand var root: LotusMiner
        @Flag(name: [.customLong("sector-nums"), .customShort("n")], help: "Print sector/fault numbers belonging to this deadline")
        var sectorNumbers = false
        @Argument(help: "deadline index") var index: UInt64

        func run() async throws {
            for line in try await Proving.report(root).deadline(index, sectorNumbers: sectorNumbers) { print(line) }
        }
    }

    struct Faults: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "View the currently known proving faulty sectors information")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            print(try await Proving.report(root).faults(), terminator: "")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check sectors provable")
        @ParentCommand var root: LotusMiner
        @Flag(name: .customLong("only-bad"), help: "print only bad sectors") var onlyBad = false
        @Flag(help: "run slower checks") var slow = false
        @Argument(help: "deadline index") var index: UInt64

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let report = try await Proving.report(root)
            let info = try await report.chain.call(\.stateMinerInfo, report.miner, nil)
            guard let minerID = report.miner.id else { throw CLIError("the miner address \(report.miner) is not an ID address") }
            let output = try await report.check(index, onlyBad: onlyBad) { sectors in
                try await node.mining.call(
                    \.checkProvable, info.windowPoStProofType,
                    sectors.map { SectorRef(id: SectorID(miner: minerID, number: $0), proofType: info.sectorSize.sealProof) }, slow)
            }
            print(output, terminator: "")
        }
    }
}
