import ChainState
import ChainTypes
import Foundation
import GRDB
import Multiformats

/// What the store keeps besides the epochs: the network parameters the chain was created with, the genesis, and
/// read-only views used by operators and tests.
extension ChainStore {
    /// The network parameters stored at genesis, or `nil` for an empty store.
    public func networkParams() throws -> NetworkParams? {
        try read("reading the network parameters") { db in
            try Self.meta(db, "network").map { try Self.decode(NetworkParams.self, $0, "the network parameters (meta 'network')") }
        }
    }

    /// Stores the network parameters of a new chain.
    /// - Throws: ``ChainStoreError`` `.conflict` when the store already has a chain (its parameters are fixed).
    public func setNetworkParams(_ params: NetworkParams) throws {
        let bytes = try Self.encode(params)
        try write("storing the network parameters") { db in
            guard try Self.meta(db, "head") == nil else {
                throw ChainStoreError(.conflict, "the chain in '\(path)' already exists; its network parameters are fixed at genesis")
            }
            try Self.setMeta(db, "network", bytes)
        }
    }

    /// The genesis block's CID, or `nil` for an empty store.
    public func genesisCID() throws -> String? {
        try read("reading the genesis") { db in
            try Self.meta(db, "genesis").map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Every stored receipt as (message CID, height), in chain order: what an audit compares with what was sent.
    public func receiptIndex() throws -> [(message: String, height: ChainEpoch)] {
        try read("listing receipts") { db in
            try Row.fetchAll(db, sql: "SELECT message_cid, height FROM receipts ORDER BY height, position").map {
                (message: $0["message_cid"], height: $0["height"])
            }
        }
    }

    /// The CIDs of the mpool's messages.
    public func pendingCIDs() throws -> [String] {
        try read("listing mpool messages") { db in
            try String.fetchAll(db, sql: "SELECT cid FROM pending ORDER BY sender, nonce")
        }
    }

    /// The actor ID indexed for `address` (a key or robust address), or `nil`.
    public func indexedID(of address: Address) throws -> ActorID? {
        try read("looking up \(address)") { db in
            try Int64.fetchOne(db, sql: "SELECT actor_id FROM addresses WHERE address = ?", arguments: [address.description])
                .map { ActorID($0) }
        }
    }
}
