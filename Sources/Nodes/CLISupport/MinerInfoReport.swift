import APICore
import ChainTypes
import CommonAPI
import FullNodeAPI
import MarketsAPI
import MiningAPI
import StorageMarket

/// What `lotus-miner info` prints, as Lotus v1.17 prints it: which subsystems each node runs (the same node in a
/// monolith), then, from the chain daemon, the miner actor's sector size, power (raw and quality-adjusted, with its
/// share of the network) and balances (miner actor, market escrow and locked funds, worker), what the Mining subsystem
/// has done (blocks won, missed and late; Window PoSt messages), then the deal policy.
///
/// It works on any handles: the nodes and daemon the CLI finds, or a mesh in a test.
public struct MinerInfoReport: Sendable {
    public var minerCommon: SubsystemRef<CommonMethods>
    public var mining: SubsystemRef<MiningMethods>
    public var marketsCommon: SubsystemRef<CommonMethods>
    public var markets: SubsystemRef<MarketsMethods>
    /// The chain daemon, opened only when the miner node runs Mining.
    public var chain: @Sendable () throws -> SubsystemRef<FullNodeMethods>

    public init(
        minerCommon: SubsystemRef<CommonMethods>, mining: SubsystemRef<MiningMethods>, marketsCommon: SubsystemRef<CommonMethods>,
        markets: SubsystemRef<MarketsMethods>, chain: @escaping @Sendable () throws -> SubsystemRef<FullNodeMethods>
    ) {
        self.minerCommon = minerCommon
        self.mining = mining
        self.marketsCommon = marketsCommon
        self.markets = markets
        self.chain = chain
    }

    /// Writes the report line by line to `emit`, so what was learned before a failure (the subsystems, when the daemon
    /// is down) is still shown.
    /// - Throws: ``CLIError`` or ``APICore/RPCError`` when a node or the daemon cannot be reached.
    public func write(to emit: (String) -> Void) async throws {
        let minerSubsystems = try await minerCommon.call(\.runtimeSubsystems)
        let marketsSubsystems = try await marketsCommon.call(\.runtimeSubsystems)
        emit("Enabled subsystems (from miner API): \(Self.list(minerSubsystems))")
        emit("Enabled subsystems (from markets API): \(Self.list(marketsSubsystems))")
        if minerSubsystems.contains(.mining) {
            let actor: String?
            do {
                actor = try await mining.call(\.actorAddress)
            } catch let error as RPCError {
                emit("Miner: (no actor: \(error.message))")
                actor = nil
            }
            if let actor {
                for line in try await chainLines(try parseAddress(actor, what: "miner actor address")) { emit(line) }
                let status = try await mining.call(\.miningStatus)
                emit(
                    "Blocks won: \(status.blocksWon) (missed \(status.missedWins), late \(status.lateWins))"
                        + (status.lastWinEpoch.map { ", last at epoch \($0)" } ?? ""))
                emit(
                    "Window PoSt: \(status.windowPoStsSubmitted) submitted, \(status.windowPoStFailures) failed on chain; "
                        + "\(status.faultsDeclared) faults and \(status.recoveriesDeclared) recoveries declared")
            }
        }
        if marketsSubsystems.contains(.markets) {
            let online = try await markets.call(\.dealsConsiderOnlineStorageDeals)
            let offline = try await markets.call(\.dealsConsiderOfflineStorageDeals)
            emit("Deals: online \(online ? "accepted" : "rejected"), offline \(offline ? "accepted" : "rejected")")
            for line in Self.dealLines(try await markets.call(\.marketListIncompleteDeals)) { emit(line) }
            emit(Self.retrievalLine(try await markets.call(\.marketListRetrievalDeals)))
        }
    }

    /// Lotus's storage deal summary: the count and piece bytes of all deals, then of each state (by state number),
    /// with the verified ones where there are any.
    static func dealLines(_ deals: [MinerDeal]) -> [String] {
        var byState: [StorageDealStatus: (count: Int, bytes: UInt64, verified: Int, verifiedBytes: UInt64)] = [:]
        var total: (count: Int, bytes: UInt64) = (0, 0)
        for deal in deals {
            let size = deal.proposal.pieceSize
            var entry = byState[deal.state] ?? (0, 0, 0, 0)
            entry.count += 1
            entry.bytes &+= size
            if deal.proposal.verifiedDeal {
                entry.verified += 1
                entry.verifiedBytes &+= size
            }
            byState[deal.state] = entry
            total = (total.count + 1, total.bytes &+ size)
        }
        var lines = ["Storage Deals: \(total.count), \(LotusFormat.size(total.bytes))"]
        for (state, entry) in byState.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var line = "\t\(state.name): \(entry.count), \(LotusFormat.size(entry.bytes))"
            if entry.verified > 0 { line += "; Verif: \(entry.verified), \(LotusFormat.size(entry.verifiedBytes))" }
            lines.append(line)
        }
        return lines
    }

    /// Lotus's `Retrieval Deals (complete): <count>, <size>`: the completed retrievals and the bytes they sent.
    static func retrievalLine(_ deals: [ProviderRetrievalDeal]) -> String {
        let complete = deals.filter { $0.status == .completed }
        return "Retrieval Deals (complete): \(complete.count), \(LotusFormat.size(complete.reduce(0) { $0 &+ $1.totalSent }))"
    }

    /// The whole report.
    /// - Throws: as ``write(to:)``.
    public func lines() async throws -> [String] {
        var lines: [String] = []
        try await write { lines.append($0) }
        return lines
    }

    /// The chain part: actor, power and balances at the daemon's head.
    func chainLines(_ actor: Address) async throws -> [String] {
        let node = try chain()
        let head: TipSet
        do {
            head = try await node.call(\.chainHead)
        } catch {
            throw CLIError("the chain daemon is not reachable: \(error); start it with `lotus daemon --devnet` or set FULLNODE_API_INFO")
        }
        let info = try await MinerActorClient(chain: node).minerInfo(actor)
        var lines = ["Chain: [epoch \(head.height)]", "Miner: \(actor) (\(LotusFormat.size(info.sectorSize.bytes)) sectors)"]
        let power = try await node.call(\.stateMinerPower, actor, head.key)
        let mine = power.minerPower, total = power.totalPower
        lines.append(
            "Power: \(LotusFormat.deci(mine.qualityAdjPower)) / \(LotusFormat.deci(total.qualityAdjPower)) "
                + "(\(LotusFormat.percent(mine.qualityAdjPower, of: total.qualityAdjPower))%)")
        lines.append(
            "\tRaw: \(LotusFormat.size(mine.rawBytePower)) / \(LotusFormat.size(total.rawBytePower)) "
                + "(\(LotusFormat.percent(mine.rawBytePower, of: total.rawBytePower))%)")
        if !power.hasMinPower { lines.append("Below minimum power threshold, no blocks will be won") }
        lines.append("")
        let actorState = try await node.call(\.stateGetActor, actor, head.key)
        let available = try await node.call(\.stateMinerAvailableBalance, actor, head.key)
        lines.append("Miner Balance:    \(actorState.balance.fil)")
        lines.append("      Available:  \(available.fil)")
        let market = try await node.call(\.stateMarketBalance, actor, head.key)
        lines.append("Market Balance:   \(market.escrow.fil)")
        lines.append("       Locked:    \(market.locked.fil)")
        lines.append("       Available: \((market.escrow - market.locked).fil)")
        let workerKey = try await node.call(\.stateAccountKey, info.worker, head.key)
        let worker = try await node.call(\.walletBalance, workerKey)
        lines.append("Worker Balance:   \(worker.fil)")
        lines.append("Total Spendable:  \((available + (market.escrow - market.locked) + worker).fil)")
        lines.append("")
        return lines
    }

    static func list(_ subsystems: [Subsystem]) -> String {
        "[" + subsystems.map(\.rawValue).joined(separator: " ") + "]"
    }
}
