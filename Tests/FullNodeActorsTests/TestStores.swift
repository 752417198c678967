import ChainState
import ChainTypes
import FullNode
import FullNodeAPI
import Multiformats
import Synchronization

/// A ``ChainPersistence`` in memory that can be told to fail its next commit, for actor tests.
final class MemoryPersistence: ChainPersistence {
    struct State {
        var head: ChainHead?
        var actors: [ActorID: ActorRecord] = [:]
        var tipSets: [ChainEpoch: TipSet] = [:]
        var lookups: [CID: MsgLookup] = [:]
        var messages: [CID: SignedMessage] = [:]
        var pending: [CID: SignedMessage] = [:]
        var failNextCommit = false
    }

    let state = Mutex(State())

    func load(recentEpochs: ChainEpoch) throws -> StoredChain? {
        state.withLock { state in
            guard let head = state.head else { return nil }
            let recent = state.tipSets.values.filter { $0.height > head.height - recentEpochs }.sorted { $0.height < $1.height }
            return StoredChain(
                head: head, actors: state.actors.values.sorted { $0.id < $1.id }, recentTipSets: recent,
                pending: Array(state.pending.values))
        }
    }

    func commit(_ epoch: EpochCommit) throws {
        try state.withLock { state in
            if state.failNextCommit {
                state.failNextCommit = false
                throw TestFailure("disk full")
            }
            state.head = epoch.head
            state.tipSets[epoch.head.height] = epoch.head.tipSet
            for record in epoch.changedActors { state.actors[record.id] = record }
            for (message, lookup) in zip(epoch.messages, epoch.lookups) {
                state.messages[message.cid] = message
                state.lookups[message.cid] = lookup
            }
            for cid in epoch.removedPending { state.pending[cid] = nil }
        }
    }

    func addPending(_ message: SignedMessage) throws { state.withLock { $0.pending[message.cid] = message } }
    func removePending(_ cids: [CID]) throws { state.withLock { for cid in cids { $0.pending[cid] = nil } } }
    func lookup(message cid: CID) throws -> MsgLookup? { state.withLock { $0.lookups[cid] } }
    func message(_ cid: CID) throws -> SignedMessage? { state.withLock { $0.messages[cid] ?? $0.pending[cid] } }
    func tipSet(atHeight height: ChainEpoch) throws -> TipSet? { state.withLock { $0.tipSets[height] } }
}

/// A ``WalletStore`` in memory.
final class MemoryWallet: WalletStore {
    let keys = Mutex<(keys: [Address: WalletKey], defaultAddress: Address?)>(([:], nil))

    func addresses() throws -> [Address] { keys.withLock { $0.keys.keys.sorted() } }
    func key(for address: Address) throws -> WalletKey? { keys.withLock { $0.keys[address] } }
    func add(_ key: WalletKey) throws { keys.withLock { $0.keys[key.address] = key } }
    func defaultAddress() throws -> Address? { keys.withLock { $0.defaultAddress } }
    func setDefault(_ address: Address) throws { keys.withLock { $0.defaultAddress = address } }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
