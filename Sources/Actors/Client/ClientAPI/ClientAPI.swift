import APICore
import ChainTypes
import Multiformats
import StorageMarket

/// The storage client's API on the chain daemon (Lotus `api.FullNode`'s `Client*` storage-deal methods): propose a
/// deal to a provider over libp2p, follow it, query a provider's ask. Implemented by `ClientActor` (target `Client`),
/// which the daemon assembles over its chain, its libp2p host and its metadata datastore.
public protocol ClientAPI: SubsystemAPI where Methods == ClientMethods {
    /// `ClientStartDeal`: reserves the client's market funds, proposes the deal on `/fil/storage/mk/1.1.0` and
    /// returns the proposal CID. A rejected proposal is stored with the provider's reason and its CID returned.
    func startDeal(_ params: StartDealParams) async throws -> CID
    /// `ClientListDeals`: every deal this client made, oldest first, states refreshed from their providers.
    func listDeals() async throws -> [DealInfo]
    /// `ClientGetDealInfo`: one deal, its state refreshed from its provider.
    func dealInfo(_ proposal: CID) async throws -> DealInfo
    /// `ClientQueryAsk`: the provider's current ask, its signature checked against the miner's worker key.
    func queryAsk(_ peer: PeerID, miner: Address) async throws -> StorageAsk
    /// `ClientRetrieve`: the payload from its provider, written as a file (unpacked from its UnixFS DAG) or as the CAR.
    func retrieve(_ order: RetrievalOrder, to file: FileRef) async throws
}
