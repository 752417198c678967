import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import CommonAPI
import FullNodeAPI
import JSONRPC
import MarketsAPI
import MiningAPI
import SectorStorageAPI

/// `lotus-miner info`: asks both nodes (the same one in a monolith) which subsystems they run, then the chain
/// daemon about the miner actor: sector size, power (raw and quality-adjusted, with the share of the network) and
/// balances (miner actor, market escrow and locked funds, worker), as Lotus v1.17 prints them.
struct Info: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print miner info")
    @ParentCommand var root: LotusMiner

    func run() async throws {
        let miner = try NodeConnection(.miner, resolver: root.resolver)
        let markets = try NodeConnection(.markets, resolver: root.resolver)
        let minerSubsystems = try await miner.common.call(\.runtimeSubsystems)
        let marketsSubsystems = try await markets.common.call(\.runtimeSubsystems)
        print("Enabled subsystems (from miner API): \(Self.list(minerSubsystems))")
        print("Enabled subsystems (from markets API): \(Self.list(marketsSubsystems))")
        if minerSubsystems.contains(.mining) {
            do {
                let actor = try await miner.mining.call(\.actorAddress)
                try await printChainInfo(actor)
            } catch let error as RPCError {
                print("Miner: (no actor: \(error.message))")
            }
        }
        if marketsSubsystems.contains(.markets) {
            let online = try await markets.markets.call(\.dealsConsiderOnlineStorageDeals)
            let offline = try await markets.markets.call(\.dealsConsiderOfflineStorageDeals)
            print("Deals: online \(online ? "accepted" : "rejected"), offline \(offline ? "accepted" : "rejected")")
        }
    }

    /// The chain part: actor, power and balances at the daemon's head.
    private func printChainInfo(_ actorText: String) async throws {
        let actor = try parseAddress(actorText, what: "miner actor address")
        let chain = try ChainSend(resolver: root.resolver)
        let node = chain.node
        let head: TipSet
        do {
            head = try await node.call(\.chainHead)
        } catch {
            throw CLIError("the chain daemon is not reachable: \(error); start it with `lotus daemon --devnet` or set FULLNODE_API_INFO")
        }
        let info = try await chain.minerInfo(actor)
        print("Chain: [epoch \(head.height)]")
        print("Miner: \(actor) (\(LotusFormat.size(info.sectorSize.bytes)) sectors)")
        let power = try await node.call(\.stateMinerPower, actor, head.key)
        let mine = power.minerPower, total = power.totalPower
        print(
            "Power: \(LotusFormat.deci(mine.qualityAdjPower)) / \(LotusFormat.deci(total.qualityAdjPower)) "
                + "(\(LotusFormat.percent(mine.qualityAdjPower, of: total.qualityAdjPower))%)")
        print(
            "\tRaw: \(LotusFormat.size(mine.rawBytePower)) / \(LotusFormat.size(total.rawBytePower)) "
                + "(\(LotusFormat.percent(mine.rawBytePower, of: total.rawBytePower))%)")
        if !power.hasMinPower { print("Below minimum power threshold, no blocks will be won") }
        print()
        let actorState = try await node.call(\.stateGetActor, actor, head.key)
        let available = try await node.call(\.stateMinerAvailableBalance, actor, head.key)
        print("Miner Balance:    \(actorState.balance.fil)")
        print("      Available:  \(available.fil)")
        let market = try await node.call(\.stateMarketBalance, actor, head.key)
        print("Market Balance:   \(market.escrow.fil)")
        print("       Locked:    \(market.locked.fil)")
        print("       Available: \((market.escrow - market.locked).fil)")
        let workerKey = try await node.call(\.stateAccountKey, info.worker, head.key)
        let worker = try await node.call(\.walletBalance, workerKey)
        print("Worker Balance:   \(worker.fil)")
        print("Total Spendable:  \((available + (market.escrow - market.locked) + worker).fil)")
        print()
    }

    static func list(_ subsystems: [Subsystem]) -> String {
        "[" + subsystems.map(\.rawValue).joined(separator: " ") + "]"
    }
}
