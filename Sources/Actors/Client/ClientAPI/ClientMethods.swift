import APICore
import ChainTypes
import Multiformats
import StorageMarket

/// The storage client's methods on the chain daemon (Lotus `api_full.go` v1.17.2 names and permissions), served
/// beside ``FullNodeAPI``'s as part of the full node API.
public struct ClientMethods: MethodSet {
    public typealias API = any ClientAPI
    public init() {}

    public let clientStartDeal = RPCMethod<any ClientAPI, Args1<StartDealParams>, CID>("ClientStartDeal", .admin, .fullNode) {
        api, args in try await api.startDeal(args.a)
    }
    public let clientListDeals = RPCMethod<any ClientAPI, Args0, [DealInfo]>("ClientListDeals", .write, .fullNode) { api, _ in
        try await api.listDeals()
    }
    public let clientGetDealInfo = RPCMethod<any ClientAPI, Args1<CID>, DealInfo>("ClientGetDealInfo", .read, .fullNode) { api, args in
        try await api.dealInfo(args.a)
    }
    public let clientQueryAsk = RPCMethod<any ClientAPI, Args2<PeerID, Address>, StorageAsk>("ClientQueryAsk", .read, .fullNode) {
        api, args in try await api.queryAsk(args.a, miner: args.b)
    }
    public let clientRetrieve = RPCMethod<any ClientAPI, Args2<RetrievalOrder, FileRef>, Empty?>("ClientRetrieve", .admin, .fullNode) {
        api, args in
        try await api.retrieve(args.a, to: args.b)
        return nil
    }
}
