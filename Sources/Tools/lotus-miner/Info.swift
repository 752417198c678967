import APICore
import ArgumentParser
import CLISupport
import MinerActors

/// `lotus-miner info`: asks both nodes (the same one in a monolith) and prints one line per node.
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
                print("Miner: \(try await miner.mining.call(\.actorAddress))")
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

    static func list(_ subsystems: [Subsystem]) -> String {
        "[" + subsystems.map(\.rawValue).joined(separator: " ") + "]"
    }
}
