import APICore
import CLISupport
import ChainTypes
import CommonAPI
import FullNodeAPI
import MarketsAPI
import MeshTestKit
import MiningAPI
import Multiformats
import NetAPI
import Repo
import Testing

/// The runbook's chain steps, written once and run on every topology and transport: a devnet daemon in process, a
/// miner created on it as `lotus-miner init --owner` creates one, and the nodes reaching the chain as `lotus-miner run`
/// does with `FULLNODE_API_INFO`.
@Suite("Chain scenarios")
struct ChainScenarioTests {
    @Test("init --owner creates the miner on chain with the mining repo's peer ID; the mining node serves it from the chain", arguments: MeshCase.all)
    func minerCreation(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let miner = try #require(mesh.minerAddress)
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            #expect(miner.id == 1000, "the first miner after genesis is t01000")
            let mining = try mesh.ref(MiningMethods.self, on: mesh.miningNode)
            #expect(try await mining.call(\.actorAddress) == miner.description)
            #expect(try await mining.call(\.actorSectorSize, miner) == SectorSize.kib2.bytes)

            let info = try await chain.call(\.stateMinerInfo, miner, nil)
            let owner = try await chain.call(\.stateLookupID, try await chain.call(\.walletDefaultAddress), nil)
            #expect(info.owner == owner)
            #expect(info.worker == owner)
            #expect(info.peerIDText == (try mesh.miningNode.repo.libp2pIdentity()).publicKey.peerID.description)
            // A miner that does not exist is the chain's error, passed through the mining node.
            await #expect(throws: RPCError.self) { _ = try await mining.call(\.actorSectorSize, Address(id: 4040)) }
        }
    }

    @Test("Seal randomness: the daemon draws it for the miner as the chain will check it; the future and bad tags are refused", arguments: MeshCase.all)
    func randomness(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let miner = try #require(mesh.minerAddress)
            let chain = SubsystemRef<FullNodeMethods>.remote(try #require(mesh.daemon).client())
            let head = try await chain.call(\.chainHead).height
            let entropy = Base64Bytes(miner.bytes)
            let ticket = try await chain.call(\.stateGetRandomnessFromTickets, Int64(5), head - 1, entropy, nil)
            #expect(ticket.bytes.count == 32)
            #expect(try await chain.call(\.stateGetRandomnessFromTickets, Int64(5), head - 1, entropy, nil) == ticket, "the same draw twice")
            #expect(try await chain.call(\.stateGetRandomnessFromBeacon, Int64(6), head - 1, entropy, nil) != ticket, "another tag, another value")
            let future = await #expect(throws: RPCError.self) {
                _ = try await chain.call(\.stateGetRandomnessFromTickets, Int64(5), head + 1000, entropy, nil)
            }
            #expect(future?.message.contains("cannot draw randomness from epoch") == true)
            await #expect(throws: RPCError.self) { _ = try await chain.call(\.stateGetRandomnessFromTickets, Int64(77), head - 1, entropy, nil) }
        }
    }

    @Test("A node started without a chain says how to give it one", arguments: MeshCase.all)
    func noChain(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase) { mesh in
            let mining = try mesh.ref(MiningMethods.self, on: mesh.miningNode)
            let error = await #expect(throws: RPCError.self) { _ = try await mining.call(\.actorSectorSize, Address(id: 1000)) }
            #expect(error?.message.contains("ActorSectorSize needs the chain daemon") == true)
            #expect(error?.message.contains("FULLNODE_API_INFO") == true)
        }
    }

    @Test("actor set-peer-id moves the on-chain peer ID to the markets node; set-addrs records its listen addresses", arguments: MeshCase.all)
    func peerIDAndAddresses(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let miner = try #require(mesh.minerAddress)
            let client = MinerActorClient(chain: .remote(try #require(mesh.daemon).client()))
            let net = try mesh.ref(NetMethods.self, on: mesh.marketsNode)
            let markets = try await net.call(\.netAddrsListen)
            #expect(!markets.addrs.isEmpty)

            let peerChange = try await client.setPeerID(markets.id, miner: miner)
            #expect(peerChange.receipt.exitCode.isSuccess)
            let addrsChange = try await client.setAddrs(markets.addrs, miner: miner)
            #expect(addrsChange.height >= peerChange.height)
            let info = try await client.minerInfo(miner)
            #expect(info.peerIDText == markets.id.description)
            #expect(info.multiaddrs == markets.addrs.map(\.bytes))

            _ = try await client.setAddrs([], miner: miner)
            #expect(try await client.minerInfo(miner).multiaddrs.isEmpty, "no addresses unsets them")
        }
    }

    @Test("lotus-miner info: both nodes' subsystems, then the actor, sector size, power and balances from the chain", arguments: MeshCase.all)
    func info(_ meshCase: MeshCase) async throws {
        try await Mesh.with(meshCase, chain: true) { mesh in
            let miner = try #require(mesh.minerAddress)
            let daemon = try #require(mesh.daemon)
            let chain = SubsystemRef<FullNodeMethods>.remote(try daemon.client())
            let lines = try await mesh.infoReport().lines()
            let minerSubsystems = meshCase.topology == .monolith ? "[Mining Sealing SectorStorage Markets]" : "[Mining Sealing SectorStorage]"
            #expect(lines.contains("Enabled subsystems (from miner API): \(minerSubsystems)"), "\(lines)")
            #expect(lines.contains("Enabled subsystems (from markets API): \(meshCase.topology == .monolith ? minerSubsystems : "[Markets]")"))
            #expect(lines.contains("Miner: \(miner) (2 KiB sectors)"))
            #expect(lines.contains("Power: 0  / 0  (0.0000%)"))
            #expect(lines.contains("\tRaw: 0 B / 0 B (0.0000%)"))
            #expect(lines.contains("Miner Balance:    0 FIL"))
            #expect(lines.contains("Market Balance:   0 FIL"))
            let owner = try await chain.call(\.walletDefaultAddress)
            #expect(lines.contains("Worker Balance:   \(try await chain.call(\.walletBalance, owner).fil)"))
            #expect(lines.contains("Deals: online accepted, offline accepted"))
        }
    }
}
