import APICore
import ChainTypes
import FullNodeAPI
import SectorStorageAPI

/// What the pipeline works with: the chain, this node's sector storage, and the miner as the chain records it.
struct SealingEnvironment: Sendable {
    let chain: SubsystemRef<FullNodeMethods>
    let storage: SubsystemRef<SectorStorageMethods>
    let miner: Address
    let minerID: UInt64
    let worker: Address
    let sectorSize: SectorSize
    let network: NetworkParams
    /// The head as the waiting sectors see it (one look per poll interval for all of them).
    let heads: ChainHeadCache

    /// Reads the miner's facts from the chain.
    /// - Throws: ``APICore/RPCError`` when the chain does not know the miner.
    static func load(
        chain: SubsystemRef<FullNodeMethods>, storage: SubsystemRef<SectorStorageMethods>, miner: Address, pollInterval: Duration
    ) async throws -> SealingEnvironment {
        guard let id = miner.id else { throw RPCError(.methodError, "the miner address \(miner) is not an ID address") }
        let info = try await chain.call(\.stateMinerInfo, miner, nil)
        let network = try await chain.call(\.stateGetNetworkParams)
        return SealingEnvironment(
            chain: chain, storage: storage, miner: miner, minerID: id, worker: info.worker, sectorSize: info.sectorSize, network: network,
            heads: ChainHeadCache(chain: chain, maxAge: pollInterval))
    }

    func sector(_ number: UInt64) -> SectorID { SectorID(miner: minerID, number: number) }
}
