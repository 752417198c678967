import ChainState
import ChainTypes
import Foundation
import Multiformats
import Synchronization
import Testing

/// Genesis, network parameters, and resuming a stored chain.
@Suite struct GenesisTests {
    @Test func genesisHasTheBuiltinActorsAndFundedWallets() throws {
        let net = try TestNet(wallets: 2)
        let genesis = net.commits[0]
        #expect(genesis.head.height == 0)
        #expect(genesis.changedActors.map(\.id) == [0, 1, 2, 3, 4, 5, 99, 100, 101])
        #expect(try net.chain.lookupID(net.wallets[0].address) == Address(id: 100))
        #expect(try net.chain.lookupID(net.wallets[1].address) == Address(id: 101))
        #expect(net.chain.balance(of: net.wallets[1].address) == TestNet.walletFunds)
        #expect(net.chain.tree.initState.nextID == 1000)
        #expect(net.chain.balance(of: Address(id: 2)) == NetworkParams().rewardPool)
        #expect(net.chain.head.tipSet.block.miner == Address(id: 0))
        #expect(net.chain.head.tipSet.key.cids[0].description.hasPrefix("bafy2bzace"))
    }

    @Test func sameInputsGiveTheSameGenesis() throws {
        let key = try WalletKey(privateKeyBytes: [UInt8](repeating: 9, count: 32))
        let a = try DevnetChain.genesis(network: NetworkParams(), accounts: [(key.address, 5)], timestamp: 42)
        let b = try DevnetChain.genesis(network: NetworkParams(), accounts: [(key.address, 5)], timestamp: 42)
        #expect(a.chain.head == b.chain.head)
        let c = try DevnetChain.genesis(network: NetworkParams(), accounts: [(key.address, 6)], timestamp: 42)
        #expect(c.chain.head.stateRoot != a.chain.head.stateRoot)
    }

    @Test func resumingAStoredChainContinuesIdentically() throws {
        var net = try TestNet(wallets: 2)
        let store = MemoryChainStore()
        for commit in net.commits { try store.commit(commit) }
        var sent: [SignedMessage] = []
        for _ in 0..<3 {
            sent.append(try net.push(net.wallets[0], to: net.wallets[1].address, value: 7))
            try store.commit(try net.advance())
        }
        let lookup = try #require(try store.lookup(message: sent[1].cid))
        #expect(lookup.height == 2 && lookup.receipt.exitCode == .ok)
        #expect(lookup.tipSet == (try store.tipSet(atHeight: 2))?.key)
        let stored = try #require(try store.load(recentEpochs: net.chain.network.randomnessLookback))
        var resumed = try DevnetChain(network: net.chain.network, stored: stored)
        #expect(resumed.head == net.chain.head)
        #expect(resumed.randomness(.ticketProduction, at: 2, entropy: []) == net.chain.randomness(.ticketProduction, at: 2, entropy: []))

        let original = try net.advance()
        let replay = try resumed.advance(messages: [], timestamp: original.head.tipSet.block.timestamp)
        #expect(replay.head == original.head)
    }

    @Test func resumeRefusesStateThatDoesNotMatchTheHead() throws {
        let net = try TestNet(wallets: 1)
        let genesis = net.commits[0]
        var actors = genesis.changedActors
        actors[actors.count - 1].balance += 1
        let stored = StoredChain(head: genesis.head, actors: actors, recentTipSets: [genesis.head.tipSet], pending: [])
        #expect {
            try DevnetChain(network: NetworkParams(), stored: stored)
        } throws: { error in
            (error as? ChainStateError)?.kind == .corruptState
        }
    }

    @Test func networkParamsJSONUsesGoKeysAndKeepsDefaults() throws {
        let json = try JSONEncoder().encode(NetworkParams())
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["WPoStProvingPeriod"] as? Int == 40)
        #expect(object["SectorSizes"] as? [String] == ["2KiB", "8MiB"])
        #expect(object["SupportedProofTypes"] as? [Int] == [5, 6])
        #expect(object["BlockReward"] as? String == "10000000000000000000")
        #expect(try JSONDecoder().decode(NetworkParams.self, from: json) == NetworkParams())

        let partial = #"{"BlockDelayMillis": 250, "WPoStPeriodDeadlines": 2}"#
        let params = try JSONDecoder().decode(NetworkParams.self, from: Data(partial.utf8))
        #expect(params.blockDelayMillis == 250 && params.wPoStProvingPeriod == 20)
        #expect(params.preCommitChallengeDelay == NetworkParams().preCommitChallengeDelay)
    }

    @Test func badNetworkParamsSayWhichKeyAndWhy() throws {
        #expect {
            try JSONDecoder().decode(NetworkParams.self, from: Data(#"{"BlockDelay": 250}"#.utf8))
        } throws: { error in
            "\(error)".contains("unknown network parameter \"BlockDelay\"")
        }
        #expect {
            try JSONDecoder().decode(NetworkParams.self, from: Data(#"{"SectorSizes": ["3KiB"]}"#.utf8))
        } throws: { error in
            "\(error)".contains("unknown sector size \"3KiB\"")
        }
        var params = NetworkParams()
        params.wPoStChallengeLookback = 10
        #expect(throws: ChainStateError(.invalidParams, "WPoStChallengeLookback (10) must be 1 or more and below WPoStChallengeWindow (10)")) {
            try params.validate()
        }
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(NetworkParams.self, from: Data(#"{"WPoStProvingPeriod": 50}"#.utf8))
        }
    }
}

/// A ``ChainPersistence`` in memory, with the same contract as the daemon's SQLite store: one commit = one epoch.
final class MemoryChainStore: ChainPersistence {
    private struct Contents {
        var head: ChainHead?
        var actors: [ActorID: ActorRecord] = [:]
        var tipSets: [ChainEpoch: TipSet] = [:]
        var lookups: [CID: MsgLookup] = [:]
        var messages: [CID: SignedMessage] = [:]
        var pending: [CID: SignedMessage] = [:]
    }

    private let contents = Mutex(Contents())

    func load(recentEpochs: ChainEpoch) throws -> StoredChain? {
        contents.withLock { c in
            guard let head = c.head else { return nil }
            let recent = c.tipSets.keys.sorted().filter { $0 > head.height - recentEpochs }.map { c.tipSets[$0]! }
            return StoredChain(
                head: head, actors: c.actors.keys.sorted().map { c.actors[$0]! }, recentTipSets: recent,
                pending: Array(c.pending.values))
        }
    }

    func commit(_ epoch: EpochCommit) throws {
        contents.withLock { c in
            c.head = epoch.head
            c.tipSets[epoch.head.height] = epoch.head.tipSet
            for record in epoch.changedActors { c.actors[record.id] = record }
            for (message, lookup) in zip(epoch.messages, epoch.lookups) {
                c.messages[message.cid] = message
                c.lookups[message.cid] = lookup
            }
            for cid in epoch.removedPending { c.pending[cid] = nil }
        }
    }

    func addPending(_ message: SignedMessage) throws { contents.withLock { $0.pending[message.cid] = message } }
    func removePending(_ cids: [CID]) throws { contents.withLock { c in for cid in cids { c.pending[cid] = nil } } }
    func lookup(message cid: CID) throws -> MsgLookup? { contents.withLock { $0.lookups[cid] } }
    func message(_ cid: CID) throws -> SignedMessage? { contents.withLock { $0.messages[cid] ?? $0.pending[cid] } }
    func tipSet(atHeight height: ChainEpoch) throws -> TipSet? { contents.withLock { $0.tipSets[height] } }
}
