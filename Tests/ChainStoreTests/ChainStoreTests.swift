import ChainState
import ChainStore
import ChainTypes
import Foundation
import Multiformats
import Testing

/// The chain database as the daemon uses it: genesis, epochs with messages and receipts, the mpool, resuming.
@Suite struct ChainStoreTests {
    /// A devnet with one funded wallet, stored in a fresh database.
    struct Rig {
        let directory: String
        let store: ChainStore
        var chain: DevnetChain
        let wallet = WalletKey.generate()
        var nonce: UInt64 = 0

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("chainstore-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            store = try ChainStore(path: directory + "/" + ChainStore.fileName)
            let network = NetworkParams()
            try store.setNetworkParams(network)
            let (chain, commit) = try DevnetChain.genesis(
                network: network, accounts: [(wallet.address, TokenAmount(wholeFIL: 1000))], timestamp: 1_700_000_000)
            try store.commit(commit)
            self.chain = chain
        }

        /// A signed transfer of `fil` whole FIL from the wallet to `to`.
        mutating func transfer(_ fil: Int64, to: Address) throws -> SignedMessage {
            let message = Message(
                to: to, from: wallet.address, nonce: nonce, value: TokenAmount(wholeFIL: fil), gasLimit: 100_000_000,
                gasFeeCap: TokenAmount(attoFIL: 10_000), gasPremium: TokenAmount(attoFIL: 1_000))
            nonce += 1
            return try wallet.sign(message: message)
        }

        /// Advances the chain one epoch with `messages` and commits it.
        @discardableResult
        mutating func advance(_ messages: [SignedMessage] = []) throws -> EpochCommit {
            let commit = try chain.advance(messages: messages, timestamp: 1_700_000_000 + UInt64(chain.head.height + 1))
            try store.commit(commit)
            return commit
        }

        func reopen() throws -> ChainStore {
            try store.close()
            return try ChainStore(path: directory + "/" + ChainStore.fileName)
        }
    }

    @Test func genesisIsStoredAndLoadsBackAsTheHead() throws {
        let rig = try Rig()
        let stored = try #require(try rig.store.load(recentEpochs: 10))
        #expect(stored.head == rig.chain.head)
        #expect(stored.recentTipSets.map(\.height) == [0])
        #expect(Set(stored.actors.map(\.id)) == Set(rig.chain.tree.actors.keys))
        #expect(try rig.store.genesisCID() == rig.chain.head.tipSet.block.cid.description)
        #expect(try rig.store.networkParams() == NetworkParams())
        #expect(try rig.store.indexedID(of: rig.wallet.address) == BuiltinActor.firstGenesisAccount)
        #expect(throws: ChainStoreError.self, "parameters are fixed once the chain exists") {
            try rig.store.setNetworkParams(NetworkParams())
        }
    }

    @Test func anEpochStoresItsMessagesReceiptsAndActors() throws {
        var rig = try Rig()
        let recipient = WalletKey.generate().address
        let first = try rig.transfer(5, to: recipient)
        let second = try rig.transfer(7, to: recipient)
        try rig.store.addPending(first)
        try rig.store.addPending(second)
        #expect(Set(try rig.store.pendingCIDs()) == [first.cid.description, second.cid.description])

        let commit = try rig.advance([first, second])
        #expect(commit.receipts.map(\.exitCode) == [.ok, .ok])
        #expect(try rig.store.pendingCIDs().isEmpty, "included messages leave the mpool in the same transaction")
        let lookup = try #require(try rig.store.lookup(message: second.cid))
        #expect(lookup.height == 1 && lookup.tipSet == commit.head.tipSet.key && lookup.receipt == commit.receipts[1])
        #expect(try rig.store.message(first.cid) == first)
        #expect(try rig.store.tipSet(atHeight: 1) == commit.head.tipSet)
        #expect(try rig.store.tipSet(atHeight: 2) == nil)
        #expect(try rig.store.receiptIndex().map(\.message) == [first.cid.description, second.cid.description])
        #expect(try rig.store.indexedID(of: recipient) == BuiltinActor.firstNonGenesis)

        let reopened = try rig.reopen()
        let stored = try #require(try reopened.load(recentEpochs: 10))
        let resumed = try DevnetChain(network: NetworkParams(), stored: stored)
        #expect(resumed.head == rig.chain.head)
        #expect(resumed.balance(of: recipient) == TokenAmount(wholeFIL: 12))
        #expect(resumed.actor(at: rig.wallet.address)?.nonce == 2)
        try reopened.close()
    }

    @Test func aFailedReceiptKeepsItsReason() throws {
        var rig = try Rig()
        let broke = try rig.transfer(5_000, to: WalletKey.generate().address)
        let commit = try rig.advance([broke])
        let lookup = try #require(try rig.store.lookup(message: broke.cid))
        #expect(lookup.receipt.exitCode != .ok)
        #expect(lookup.receipt.error == commit.receipts[0].error)
        #expect(lookup.receipt.error?.isEmpty == false)
    }

    @Test func anEpochThatDoesNotExtendTheHeadIsRefusedAndChangesNothing() throws {
        var rig = try Rig()
        let stale = rig.chain
        try rig.advance()
        var other = stale
        let competing = try other.advance(messages: [], timestamp: 1)
        #expect(throws: ChainStoreError.self) { try rig.store.commit(competing) }
        #expect(try rig.store.load(recentEpochs: 10)?.head == rig.chain.head)
        #expect(try rig.store.tipSet(atHeight: 1)?.key == rig.chain.head.tipSet.key)
    }

    @Test func executingAMessageTwiceFailsTheCommit() throws {
        var rig = try Rig()
        let message = try rig.transfer(1, to: WalletKey.generate().address)
        let commit = try rig.advance([message])
        var replay = rig.chain
        var duplicate = try replay.advance(messages: [], timestamp: 2)
        duplicate.messages = commit.messages
        duplicate.receipts = commit.receipts
        #expect(throws: ChainStoreError.self, "the receipt's primary key is the message CID") { try rig.store.commit(duplicate) }
        #expect(try rig.store.receiptIndex().count == 1)
        #expect(try rig.store.load(recentEpochs: 10)?.head.height == 1, "the failed epoch left no trace")
    }

    @Test func mpoolMessagesSurviveAReopenUntilRemoved() throws {
        var rig = try Rig()
        let message = try rig.transfer(1, to: WalletKey.generate().address)
        try rig.store.addPending(message)
        let reopened = try rig.reopen()
        #expect(try reopened.load(recentEpochs: 1)?.pending.map(\.cid) == [message.cid])
        try reopened.removePending([message.cid])
        #expect(try reopened.load(recentEpochs: 1)?.pending.isEmpty == true)
        try reopened.close()
    }

    @Test func anEmptyDatabaseHasNoChain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chainstore-empty-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try ChainStore(path: directory + "/chain.sqlite")
        #expect(try store.load(recentEpochs: 5) == nil)
        #expect(try store.networkParams() == nil)
        let (_, genesis) = try DevnetChain.genesis(network: NetworkParams(), accounts: [], timestamp: 0)
        var notGenesis = genesis
        notGenesis.head.tipSet.blocks[0].height = 3
        #expect(throws: ChainStoreError.self) { try store.commit(notGenesis) }
        try store.close()
    }

    @Test func aFileThatIsNotADatabaseIsReportedWithItsPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString.prefix(8))").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            try ChainStore(path: path)
        } throws: { error in
            (error as? ChainStoreError)?.message.contains(path) == true
        }
    }
}
