import APICore
import ChainTypes
import Foundation
import FullNodeAPI

/// What `lotus-miner proving info` and `proving deadlines` print, as Lotus v1.17 prints them: the proving period and
/// the current deadline with its window, and per deadline the partitions, sectors and faults — read from the chain.
public struct ProvingReport: Sendable {
    public let chain: SubsystemRef<FullNodeMethods>
    public let miner: Address

    public init(chain: SubsystemRef<FullNodeMethods>, miner: Address) {
        self.chain = chain
        self.miner = miner
    }

    /// `proving info`.
    public func info() async throws -> [String] {
        let deadline = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
        let partitions = try await chain.call(\.stateMinerPartitions, miner, deadline.index, nil)
        var faults = 0, recovering = 0, live = 0
        for index in 0..<deadline.wPoStPeriodDeadlines {
            for partition in try await chain.call(\.stateMinerPartitions, miner, index, nil) {
                faults += partition.faultySectors.count
                recovering += partition.recoveringSectors.count
                live += partition.liveSectors.count
            }
        }
        let epoch = deadline.currentEpoch
        func relative(_ target: ChainEpoch) -> String { target >= epoch ? "in \(target - epoch) epochs" : "\(epoch - target) epochs ago" }
        let percent = live == 0 ? "0.00" : String(format: "%.2f", Double(faults) * 100 / Double(live))
        return [
            "Miner: \(miner)",
            "Current Epoch:           \(epoch)",
            "Proving Period Boundary: \(deadline.periodStart % deadline.wPoStProvingPeriod)",
            "Proving Period Start:    \(deadline.periodStart) (\(relative(deadline.periodStart)))",
            "Next Period Start:       \(deadline.periodStart + deadline.wPoStProvingPeriod) (\(relative(deadline.periodStart + deadline.wPoStProvingPeriod)))",
            "",
            "Faults:      \(faults) (\(percent)%)",
            "Recovering:  \(recovering)",
            "",
            "Deadline Index:       \(deadline.index)",
            "Deadline Sectors:     \(partitions.reduce(0) { $0 + $1.allSectors.count })",
            "Deadline Open:        \(deadline.open) (\(relative(deadline.open)))",
            "Deadline Close:       \(deadline.close) (\(relative(deadline.close)))",
            "Deadline Challenge:   \(deadline.challenge) (\(relative(deadline.challenge)))",
            "Deadline FaultCutoff: \(deadline.faultCutoff) (\(relative(deadline.faultCutoff)))",
        ]
    }

    /// `proving deadlines`: one row per deadline, the current one marked.
    public func deadlines() async throws -> String {
        let current = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
        let deadlines = try await chain.call(\.stateMinerDeadlines, miner, nil)
        var table = TableWriter(["deadline", "partitions", "sectors (faults)", "proven partitions"])
        for (index, deadline) in deadlines.enumerated() {
            let partitions = try await chain.call(\.stateMinerPartitions, miner, UInt64(index), nil)
            let sectors = partitions.reduce(0) { $0 + $1.allSectors.count }
            let faults = partitions.reduce(0) { $0 + $1.faultySectors.count }
            table.write([
                "deadline": UInt64(index) == current.index ? "\(index) (current)" : String(index),
                "partitions": String(partitions.count), "sectors (faults)": "\(sectors) (\(faults))",
                "proven partitions": String(deadline.postSubmissions.count),
            ])
        }
        return "Miner: \(miner)\n" + table.render()
    }
}
