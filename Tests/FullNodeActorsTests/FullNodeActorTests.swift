import APICore
import ChainState
import ChainTypes
import FullNode
import FullNodeAPI
import JSONRPC
import Logging
import MiningAPI
import Multiformats
import RPCAuth
import Synchronization
import Testing

/// The full node actor in process: epochs on demand, messages from push to receipt, subscriptions, and the
/// rule that nothing is kept before it is stored.
@Suite struct FullNodeActorTests {
    struct Node {
        let actor: FullNodeActor
        let store = MemoryPersistence()
        let wallet = MemoryWallet()
        let funded: WalletKey

        init(defaultMaxFee: TokenAmount = MessageSendSpec.defaultMaxFee) throws {
            funded = WalletKey.generate()
            try wallet.add(funded)
            try wallet.setDefault(funded.address)
            let (_, genesis) = try DevnetChain.genesis(
                network: NetworkParams(), accounts: [(funded.address, TokenAmount(wholeFIL: 1000))], timestamp: 1_700_000_000)
            try store.commit(genesis)
            actor = try FullNodeActor(
                network: NetworkParams(), stored: try #require(try store.load(recentEpochs: 100)), store: store, wallet: wallet,
                defaultMaxFee: defaultMaxFee, logger: Logger(label: "test"), now: { 1_700_000_100 })
        }

        func send(_ fil: Int64, to: Address, maxFee: TokenAmount = .zero) async throws -> SignedMessage {
            try await actor.pushMessage(
                Message(to: to, from: funded.address, value: TokenAmount(wholeFIL: fil)), spec: MessageSendSpec(maxFee: maxFee))
        }
    }

    @Test func eachTickProducesTheNextEpoch() async throws {
        let node = try Node()
        #expect(await node.actor.head().height == 0)
        #expect(try await node.actor.tick(height: 1) == 1)
        #expect(try await node.actor.tick(height: 2) == 2)
        #expect(await node.actor.head().height == 2)
        #expect(node.store.state.withLock { $0.head?.height } == 2, "every epoch is stored")
        await #expect(throws: RPCError.self, "only the next epoch can be produced") { try await node.actor.tick(height: 5) }
    }

    @Test func aPushedMessageIsStoredBeforeItIsAcknowledgedThenExecutedOnce() async throws {
        let node = try Node()
        let recipient = WalletKey.generate().address
        let signed = try await node.send(3, to: recipient)
        #expect(signed.message.nonce == 0 && signed.message.from == node.funded.address)
        #expect(node.store.state.withLock { $0.pending[signed.cid] } == signed, "in the store before MpoolPushMessage returns")
        #expect(try await node.actor.pending(nil).map(\.cid) == [signed.cid])

        try await node.actor.tick(height: 1)
        let lookup = try #require(try await node.actor.searchMessage(signed.cid, limit: -1, nil))
        #expect(lookup.height == 1 && lookup.receipt.exitCode == .ok)
        #expect(await node.actor.balance(recipient) == TokenAmount(wholeFIL: 3))
        #expect(try await node.actor.pending(nil).isEmpty)
        #expect(node.store.state.withLock { $0.pending.isEmpty })
        try await node.actor.tick(height: 2)
        #expect(await node.actor.balance(recipient) == TokenAmount(wholeFIL: 3), "not executed twice")
        let next = try await node.send(1, to: recipient)
        #expect(next.message.nonce == 1, "nonces continue from the state")
    }

    @Test func stateWaitMsgReturnsOnceTheConfidenceIsReached() async throws {
        let node = try Node()
        let signed = try await node.send(1, to: WalletKey.generate().address)
        let waiter = Task { try await node.actor.waitMessage(signed.cid, confidence: 2, limit: -1) }
        for height in 1...3 {
            try await Task.sleep(for: .milliseconds(20))
            try await node.actor.tick(height: ChainEpoch(height))
        }
        let lookup = try await waiter.value
        #expect(lookup.height == 1)
        #expect(await node.actor.head().height == 3)
    }

    @Test func chainNotifySendsTheCurrentHeadThenEachApply() async throws {
        let node = try Node()
        try await node.actor.tick(height: 1)
        let stream = await node.actor.chainNotify()
        var iterator = stream.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(first.map(\.type) == ["current"] && first[0].val.height == 1)
        try await node.actor.tick(height: 2)
        try await node.actor.tick(height: 3)
        let second = try #require(try await iterator.next())
        let third = try #require(try await iterator.next())
        #expect(second == [.apply(try #require(try node.store.tipSet(atHeight: 2)))])
        #expect(third.map(\.type) == ["apply"] && third[0].val.height == 3)
    }

    @Test func maxFeeIsHonouredAndTheConfiguredDefaultApplies() async throws {
        let node = try Node(defaultMaxFee: TokenAmount(attoFIL: 200_000_000_000))
        let capped = try await node.send(1, to: WalletKey.generate().address)
        #expect(capped.message.requiredGasFunds <= TokenAmount(attoFIL: 200_000_000_000), "[Fees] DefaultMaxFee when the spec has none")
        let explicit = try await node.send(1, to: WalletKey.generate().address, maxFee: TokenAmount(attoFIL: 150_000_000_000))
        #expect(explicit.message.requiredGasFunds <= TokenAmount(attoFIL: 150_000_000_000))
        await #expect(throws: MessagePoolError.self, "a MaxFee below the base fee is refused") {
            _ = try await node.send(1, to: WalletKey.generate().address, maxFee: TokenAmount(attoFIL: 1))
        }
    }

    @Test func aFailedCommitKeepsTheHeadAndTheMpool() async throws {
        let node = try Node()
        let signed = try await node.send(2, to: WalletKey.generate().address)
        node.store.state.withLock { $0.failNextCommit = true }
        await #expect(throws: TestFailure.self) { try await node.actor.tick(height: 1) }
        #expect(await node.actor.head().height == 0)
        #expect(try await node.actor.pending(nil).map(\.cid) == [signed.cid], "the message is still pending")
        try await node.actor.tick(height: 1)
        #expect(try await node.actor.searchMessage(signed.cid, limit: -1, nil)?.height == 1)
    }

    @Test func aRestartedActorResumesTheStoredChainAndMpool() async throws {
        let node = try Node()
        try await node.actor.tick(height: 1)
        let signed = try await node.send(4, to: WalletKey.generate().address)
        let resumed = try FullNodeActor(
            network: NetworkParams(), stored: try #require(try node.store.load(recentEpochs: 100)), store: node.store,
            wallet: node.wallet, logger: Logger(label: "test"), now: { 1_700_000_200 })
        #expect(await resumed.head() == (await node.actor.head()))
        #expect(try await resumed.pending(nil).map(\.cid) == [signed.cid])
        try await resumed.tick(height: 2)
        #expect(try await resumed.searchMessage(signed.cid, limit: -1, nil)?.receipt.exitCode == .ok)
    }

    @Test func walletKeysAndTheDefault() async throws {
        let node = try Node()
        let created = try await node.actor.walletNew("secp256k1")
        #expect(created.kind == .secp256k1)
        #expect(Set(try await node.actor.walletList()) == [node.funded.address, created])
        #expect(try await node.actor.walletDefault() == node.funded.address, "an existing default is kept")
        try await node.actor.walletSetDefault(created)
        #expect(try await node.actor.walletDefault() == created)
        await #expect(throws: RPCError.self) { try await node.actor.walletSetDefault(WalletKey.generate().address) }
        await #expect(throws: RPCError.self) { _ = try await node.actor.walletNew("bls") }
        let signature = try await node.actor.walletSign(created, [1, 2, 3])
        #expect(throws: Never.self) { try WalletKey.verify(signature, data: [1, 2, 3], signer: created) }
    }

    @Test func tipsetKeysAreAcceptedForTheLast900EpochsOnly() async throws {
        let node = try Node()
        for height in ChainEpoch(1)...901 { try await node.actor.tick(height: height) }
        let first = try #require(try node.store.tipSet(atHeight: 1)).key
        let second = try #require(try node.store.tipSet(atHeight: 2)).key
        // The head is at 901: epoch 1 is 900 epochs behind it and no longer named; epoch 2 still is.
        await #expect(throws: RPCError.self) { _ = try await node.actor.tipSet(atHeight: 0, first) }
        #expect(try await node.actor.tipSet(atHeight: 0, second).height == 0)
        let resumed = try FullNodeActor(
            network: NetworkParams(), stored: try #require(try node.store.load(recentEpochs: 1000)), store: node.store,
            wallet: node.wallet, logger: Logger(label: "test"), now: { 1_700_000_200 })
        await #expect(throws: RPCError.self, "a restart keeps the same window") { _ = try await resumed.tipSet(atHeight: 0, first) }
        #expect(try await resumed.tipSet(atHeight: 0, second).height == 0)
        try await resumed.tick(height: 902)
        await #expect(throws: RPCError.self) { _ = try await resumed.tipSet(atHeight: 0, second) }
    }

    @Test func queriesNamingAnUnknownTipsetAreRefused() async throws {
        let node = try Node()
        try await node.actor.tick(height: 1)
        let genesisKey = try #require(try node.store.tipSet(atHeight: 0)).key
        #expect(try await node.actor.lookupID(node.funded.address, genesisKey) == Address(id: BuiltinActor.firstGenesisAccount))
        let unknown = TipSetKey([CID.dagCBORBlake2b256(of: [9, 9, 9])])
        await #expect(throws: RPCError.self) { _ = try await node.actor.lookupID(node.funded.address, unknown) }
        #expect(try await node.actor.tipSet(atHeight: 0, nil).key == genesisKey)
        await #expect(throws: RPCError.self) { _ = try await node.actor.tipSet(atHeight: 2, nil) }
    }

    @Test func permissionsOverJSONRPCFollowLotus() async throws {
        let node = try Node()
        let authority = JWTAuthority(secret: Array(repeating: 7, count: 32))
        var routes = RouteTable()
        routes.serve(node.actor)
        let server = RPCServer(routes: routes.routes, authority: authority, logger: Logger(label: "rpc"))
        let reader = SubsystemRef<FullNodeMethods>.remote(RPCClient(transport: InProcessTransport(server: server, token: nil)))
        let signer = SubsystemRef<FullNodeMethods>.remote(
            RPCClient(transport: InProcessTransport(server: server, token: authority.token(allow: ["read", "write", "sign"]))))

        #expect(try await reader.call(\.chainHead).height == 0)
        #expect(try await reader.call(\.walletBalance, node.funded.address) == TokenAmount(wholeFIL: 1000))
        let message = Message(to: WalletKey.generate().address, from: node.funded.address, value: TokenAmount(wholeFIL: 1))
        await #expect {
            _ = try await reader.call(\.mpoolPushMessage, message, nil)
        } throws: { error in
            (error as? RPCError)?.message.contains("missing permission to invoke 'MpoolPushMessage' (need 'sign')") == true
        }
        let signed = try await signer.call(\.mpoolPushMessage, message, MessageSendSpec())
        #expect(try await signer.call(\.mpoolPending, nil).map(\.cid) == [signed.cid])
        try await node.actor.tick(height: 1)
        let lookup = try await reader.call(\.stateWaitMsg, signed.cid, 0, -1, true)
        #expect(lookup.message == signed.cid && lookup.receipt.exitCode == .ok)
        #expect(try await reader.call(\.stateSearchMsg, nil, signed.cid, -1, true)?.height == 1)
        #expect(try await reader.call(\.stateGetNetworkParams) == NetworkParams())
    }

    @Test func aMinerCreatedByMessageIsVisibleThroughTheStateMethods() async throws {
        let node = try Node()
        let params = CreateMinerParams(owner: node.funded.address, worker: node.funded.address, windowPoStProofType: 10)
        let create = try await node.actor.pushMessage(
            Message(
                to: Address(id: BuiltinActor.power), from: node.funded.address, value: TokenAmount(wholeFIL: 10),
                method: PowerMethod.createMiner.rawValue, params: params.encoded),
            spec: nil)
        try await node.actor.tick(height: 1)
        let lookup = try await node.actor.waitMessage(create.cid, confidence: 0, limit: -1)
        #expect(lookup.receipt.exitCode == .ok, "\(lookup.receipt.error ?? "")")
        let miner = try CreateMinerReturn.decode(lookup.receipt.returnValue, method: "CreateMiner").idAddress
        #expect(miner == Address(id: BuiltinActor.firstNonGenesis))

        let info = try await node.actor.minerInfo(miner, nil)
        #expect(info.owner == Address(id: BuiltinActor.firstGenesisAccount) && info.worker == info.owner)
        #expect(info.sectorSize == .kib2)
        #expect(try await node.actor.minerPower(miner, nil).minerPower.rawBytePower == 0)
        #expect(try await node.actor.minerProvingDeadline(miner, nil).currentEpoch == 1)
        #expect(try await node.actor.minerSectors(miner, filter: nil, nil).isEmpty)
        #expect(try await node.actor.sectorInfo(miner, sector: 1, nil) == nil)
        #expect(try await node.actor.actor(miner, nil).balance == TokenAmount(wholeFIL: 10))

        let deposit = try await node.actor.marketAddBalance(
            wallet: node.funded.address, address: node.funded.address, amount: TokenAmount(wholeFIL: 2))
        try await node.actor.tick(height: 2)
        #expect(try await node.actor.waitMessage(deposit, confidence: 0, limit: -1).receipt.exitCode == .ok)
        #expect(try await node.actor.marketBalance(node.funded.address, nil).escrow == TokenAmount(wholeFIL: 2))

        let base = try await node.actor.miningBaseInfo(miner, epoch: 3, nil)
        #expect(!base.eligibleForMining, "no power yet")
        let stranger = WalletKey.generate()
        let refused = WinningSubmission(
            miner: miner, epoch: 3, ticket: try stranger.sign(base.ticketRandomness),
            electionProof: try stranger.sign(base.electionRandomness), winPoStProof: [])
        await #expect(throws: ChainStateError.self, "a miner without power cannot win") { try await node.actor.submit(refused) }
        var stale = refused
        stale.epoch = 7
        await #expect {
            try await node.actor.submit(stale)
        } throws: { error in
            (error as? ChainStateError)?.message.contains("is not for the next epoch 3") == true
        }
        try await node.actor.tick(height: 3)
        #expect(await node.actor.head().block.miner == Address(id: BuiltinActor.system), "the built-in producer made the block")
    }
}
