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

    /// `proving faults`: one row per faulty sector.
    public func faults() async throws -> String {
        let deadlines = try await chain.call(\.stateMinerDeadlines, miner, nil)
        var table = TabWriter(["deadline", "partition", "sectors"])
        for index in deadlines.indices {
            for (number, partition) in try await chain.call(\.stateMinerPartitions, miner, UInt64(index), nil).enumerated() {
                for sector in partition.faultySectors.sorted {
                    table.row([String(index), String(number), String(sector)])
                }
            }
        }
        return "Miner: \(miner)\n" + table.render()
    }

    /// `proving deadline N [--sector-nums]`: the deadline's partitions with their sectors and faults.
    /// - Throws: ``CLIError`` for an index beyond the proving period's deadlines.
    public func deadline(_ index: UInt64, sectorNumbers: Bool) async throws -> [String] {
        let current = try await chain.call(\.stateMinerProvingDeadline, miner, nil)
        guard index < current.wPoStPeriodDeadlines else {
            throw CLIError("deadline index \(index) is out of range: a proving period has \(current.wPoStPeriodDeadlines) deadlines (0 to \(current.wPoStPeriodDeadlines - 1))")
        }
        let deadlines = try await chain.call(\.stateMinerDeadlines, miner, nil)
        let partitions = try await chain.call(\.stateMinerPartitions, miner, index, nil)
        let proven = Int(index) < deadlines.count ? deadlines[Int(index)].postSubmissions.count : 0
        var lines = [
            "Deadline Index:           \(index)",
            "Partitions:               \(partitions.count)",
            "Proven Partitions:        \(proven)",
            "Current:                  \(current.index == index)",
            "",
        ]
        for (number, partition) in partitions.enumerated() {
            lines.append("Partition Index:          \(number)")
            lines.append("Sectors:                  \(partition.allSectors.count)")
            if sectorNumbers { lines.append("Sector Numbers:           \(partition.allSectors.sorted)") }
            lines.append("Faults:                   \(partition.faultySectors.count)")
            if sectorNumbers { lines.append("Faulty Sectors:           \(partition.faultySectors.sorted)") }
        }
        return lines
    }

    /// `proving check [--only-bad] N`: every live sector of deadline N with `good` or `bad (why)`, as `check` (the
    /// mining node's `CheckProvable`) answers for each partition.
    public func check(_ index: UInt64, onlyBad: Bool, check: ([UInt64]) async throws -> [String: String]) async throws -> String {
        let partitions = try await chain.call(\.stateMinerPartitions, miner, index, nil)
        var table = TabWriter(["deadline", "partition", "sector", "status"])
        for (number, partition) in partitions.enumerated() {
            let sectors = partition.liveSectors.sorted
            let bad = sectors.isEmpty ? [:] : try await check(sectors)
            for sector in sectors {
                if let reason = bad[String(sector)] {
                    table.row([String(index), String(number), String(sector), "bad (\(reason))"])
                } else if !onlyBad {
                    table.row([String(index), String(number), String(sector), "good"])
                }
            }
        }
        return table.render()
    }
}
