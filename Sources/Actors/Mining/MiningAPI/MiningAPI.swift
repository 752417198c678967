import APICore
import ChainTypes
import MinerConfig

/// The Mining subsystem's API: the miner actor's identity, its message-sending addresses and its on-chain facts
/// (block production and Window PoSt run inside the subsystem). Implemented by `MiningActor` (target `Mining`).
public protocol MiningAPI: SubsystemAPI where Methods == MiningMethods {
    /// `ActorAddress`: the miner actor address recorded by `lotus-miner init`.
    func actorAddress() async throws -> String
    /// `ActorAddressConfig`: the `[Addresses]` section.
    func addressConfig() async -> AddressesConfig
    /// `ActorSectorSize`: a miner's sector size in bytes, as the chain records it.
    func actorSectorSize(_ miner: Address) async throws -> UInt64
    /// `CheckProvable`: which of `sectors` this node could not prove now, each with why (the check Window PoSt runs:
    /// the sealed file and its tree found through the sector index, and openings at fresh challenges that open the
    /// sector's on-chain CommR). Keys are sector numbers, as Lotus's JSON map.
    func checkProvable(_ postProof: Int64, _ sectors: [SectorRef], _ expensive: Bool) async throws -> [String: String]
    /// `MiningStatus`: blocks won, missed and late, and the Window PoSt scheduler's messages, since the node started.
    func miningStatus() async -> MiningStatus
}
