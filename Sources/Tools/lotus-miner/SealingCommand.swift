import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import Foundation
import SealingAPI

/// `lotus-miner sealing`: the sealing work running on the mining node.
struct SealingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sealing", abstract: "interact with sealing pipeline", subcommands: [Jobs.self])

    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "list running jobs")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.miner, resolver: root.resolver)
            let jobs = try await node.sealing.call(\.workerJobs)
            let now = UInt64(max(0, Date().timeIntervalSince1970))
            // Lotus's first column is the job's call ID; this node runs its tasks in-process, without call IDs.
            var table = TabWriter(["Sector", "Worker", "Hostname", "Task", "State", "Time"])
            for (worker, list) in jobs.sorted(by: { $0.key < $1.key }) {
                for job in list.sorted(by: { $0.start < $1.start }) {
                    table.row([
                        String(job.sector.number), String(worker.prefix(8)), job.hostname,
                        job.shortName, job.runWait == 0 ? "running" : "assigned(\(job.runWait - 1))", "\(now >= job.start ? now - job.start : 0)s",
                    ])
                }
            }
            print(table.render(), terminator: "")
        }
    }
}
