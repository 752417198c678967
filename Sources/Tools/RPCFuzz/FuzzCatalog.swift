import APICore
import ClientAPI
import CommonAPI
import FullNodeAPI
import MarketsAPI
import MiningAPI
import NetAPI
import SealingAPI
import SectorStorageAPI

/// The method sets each kind of node serves, as their definitions: what the fuzzer calls.
public enum FuzzCatalog {
    /// `lotus daemon`: Common, FullNode (with the storage client's methods) and Net.
    public static var daemon: [any MethodDescriptor] {
        CommonMethods().descriptors + FullNodeMethods().descriptors + ClientMethods().descriptors + NetMethods().descriptors
    }

    /// `lotus-miner run` (monolith or either node of a split: a node answers the methods it does not run with
    /// -32010, which is fuzzed too): Common, Mining, Sealing, SectorStorage, Markets and Net.
    public static var miner: [any MethodDescriptor] {
        CommonMethods().descriptors + MiningMethods().descriptors + SealingMethods().descriptors
            + SectorStorageMethods().descriptors + MarketsMethods().descriptors + NetMethods().descriptors
    }
}
