import ChainTypes
import Multiformats

/// Where the daemon keeps the chain (implemented over SQLite by the daemon's `ChainStore`).
///
/// The contract that makes `kill -9` safe: ``commit(_:)`` stores one epoch — its tipset, messages, receipts,
/// changed actors, the new head and the mpool entries it removes — in **one transaction**, and the chain only
/// moves its in-memory head after it returns. A crash before the commit loses nothing that was executed (the
/// messages are still pending); a crash after it never re-executes them (they are no longer pending and the head
/// is past them). Calls are synchronous so the owner of the chain cannot interleave other work with a commit.
public protocol ChainPersistence: Sendable {
    /// The stored chain, or `nil` for an empty store (a new repo: create genesis and commit it).
    /// - Parameter recentEpochs: how many tipsets below the head to return (for chain randomness);
    ///   pass `NetworkParams.randomnessLookback`.
    func load(recentEpochs: ChainEpoch) throws -> StoredChain?

    /// Atomically stores one epoch (genesis included) and makes its tipset the head.
    func commit(_ epoch: EpochCommit) throws

    /// Stores a message accepted into the mpool.
    func addPending(_ message: SignedMessage) throws

    /// Removes mpool messages (replaced by fee, or dropped) outside of an epoch commit.
    func removePending(_ cids: [CID]) throws

    /// Where message `cid` was executed, with its receipt; `nil` if it has not been.
    func lookup(message cid: CID) throws -> MsgLookup?

    /// The signed message `cid`, executed or pending; `nil` if unknown.
    func message(_ cid: CID) throws -> SignedMessage?

    /// The tipset at `height` on the chain; `nil` above the head.
    func tipSet(atHeight height: ChainEpoch) throws -> TipSet?
}

/// The chain head and the roots its child block will name.
public struct ChainHead: Sendable, Equatable, Codable {
    /// The head tipset.
    public var tipSet: TipSet
    /// The state after executing the head (the child's `ParentStateRoot`).
    public var stateRoot: CID
    /// The head's receipts (the child's `ParentMessageReceipts`).
    public var receiptsRoot: CID

    /// Creates a head.
    public init(tipSet: TipSet, stateRoot: CID, receiptsRoot: CID) {
        self.tipSet = tipSet
        self.stateRoot = stateRoot
        self.receiptsRoot = receiptsRoot
    }

    /// The head's epoch.
    public var height: ChainEpoch { tipSet.height }

    enum CodingKeys: String, CodingKey { case tipSet = "TipSet", stateRoot = "StateRoot", receiptsRoot = "ReceiptsRoot" }
}

/// One executed epoch, as ``ChainPersistence/commit(_:)`` stores it.
public struct EpochCommit: Sendable {
    /// The new head.
    public var head: ChainHead
    /// The messages the tipset included, in execution order.
    public var messages: [SignedMessage]
    /// Their receipts, in the same order.
    public var receipts: [MessageReceipt]
    /// Every actor whose record changed (all actors at genesis), in ID order.
    public var changedActors: [ActorRecord]
    /// Mpool entries to delete: the included messages, and pending messages this epoch made invalid.
    public var removedPending: [CID]

    /// Creates a commit.
    public init(
        head: ChainHead, messages: [SignedMessage], receipts: [MessageReceipt], changedActors: [ActorRecord],
        removedPending: [CID]
    ) {
        self.head = head
        self.messages = messages
        self.receipts = receipts
        self.changedActors = changedActors
        self.removedPending = removedPending
    }

    /// Adds mpool entries to delete (e.g. what `MessagePool.prune(chain:)` returned), skipping ones already listed.
    public mutating func removePending(_ cids: [CID]) {
        var seen = Set(removedPending)
        for cid in cids where seen.insert(cid).inserted { removedPending.append(cid) }
    }

    /// The lookups of the included messages, as `StateSearchMsg` returns them.
    public var lookups: [MsgLookup] {
        zip(messages, receipts).map { message, receipt in
            MsgLookup(message: message.cid, receipt: receipt, tipSet: head.tipSet.key, height: head.height)
        }
    }
}

/// What ``ChainPersistence/load(recentEpochs:)`` returns to resume a chain.
public struct StoredChain: Sendable {
    /// The head.
    public var head: ChainHead
    /// Every actor's latest record.
    public var actors: [ActorRecord]
    /// The tipsets from `head.height - recentEpochs + 1` (or genesis) up to the head, in height order.
    public var recentTipSets: [TipSet]
    /// The mpool's messages.
    public var pending: [SignedMessage]

    /// Creates a stored chain.
    public init(head: ChainHead, actors: [ActorRecord], recentTipSets: [TipSet], pending: [SignedMessage]) {
        self.head = head
        self.actors = actors
        self.recentTipSets = recentTipSets
        self.pending = pending
    }
}
