import APICore
import ChainTypes
import FullNodeAPI
import MiningAPI

/// The provider as the chain records it: what the deal checks and messages need, read once.
struct ProviderIdentity: Sendable {
    /// The miner actor (ID address).
    let miner: Address
    let worker: Address
    let sectorSize: SectorSize
    let network: NetworkParams

    /// Reads the miner's address from the Mining API (this node or the mining node) and its facts from the chain.
    /// - Throws: ``APICore/RPCError`` when either is unreachable or the chain does not know the miner.
    static func load(chain: SubsystemRef<FullNodeMethods>, mining: SubsystemRef<MiningMethods>?) async throws -> ProviderIdentity {
        guard let mining else {
            throw RPCError(.methodError, "this markets node has no Mining API to learn the miner's address from ([Subsystems] SealerApiInfo)")
        }
        let text = try await mining.call(\.actorAddress)
        let address: Address
        do {
            address = try Address(parsing: text)
        } catch {
            throw RPCError(.methodError, "the mining node's ActorAddress '\(text)' is not an address: \(error)")
        }
        let miner = try await chain.call(\.stateLookupID, address, nil)
        let info = try await chain.call(\.stateMinerInfo, miner, nil)
        let network = try await chain.call(\.stateGetNetworkParams)
        return ProviderIdentity(miner: miner, worker: info.worker, sectorSize: info.sectorSize, network: network)
    }
}
