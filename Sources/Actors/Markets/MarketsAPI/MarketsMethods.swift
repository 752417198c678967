import APICore
import ChainTypes
import Multiformats
import StorageMarket

/// Methods owned by the Markets subsystem (permissions as Lotus v1.17.2).
public struct MarketsMethods: MethodSet {
    public typealias API = any MarketsAPI
    public init() {}

    public let dealsConsiderOnlineStorageDeals = RPCMethod<any MarketsAPI, Args0, Bool>(
        "DealsConsiderOnlineStorageDeals", .admin, .markets
    ) { api, _ in await api.considerOnlineStorageDeals() }

    public let dealsSetConsiderOnlineStorageDeals = RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>(
        "DealsSetConsiderOnlineStorageDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOnlineStorageDeals(args.a)
        return nil
    }

    public let dealsConsiderOfflineStorageDeals = RPCMethod<any MarketsAPI, Args0, Bool>(
        "DealsConsiderOfflineStorageDeals", .admin, .markets
    ) { api, _ in await api.considerOfflineStorageDeals() }

    public let dealsSetConsiderOfflineStorageDeals = RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>(
        "DealsSetConsiderOfflineStorageDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOfflineStorageDeals(args.a)
        return nil
    }

    public let dealsConsiderOnlineRetrievalDeals = RPCMethod<any MarketsAPI, Args0, Bool>(
        "DealsConsiderOnlineRetrievalDeals", .admin, .markets
    ) { api, _ in await api.considerOnlineRetrievalDeals() }

    public let dealsSetConsiderOnlineRetrievalDeals = RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>(
        "DealsSetConsiderOnlineRetrievalDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOnlineRetrievalDeals(args.a)
        return nil
    }

    public let dealsConsiderOfflineRetrievalDeals = RPCMethod<any MarketsAPI, Args0, Bool>(
        "DealsConsiderOfflineRetrievalDeals", .admin, .markets
    ) { api, _ in await api.considerOfflineRetrievalDeals() }

    public let dealsSetConsiderOfflineRetrievalDeals = RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>(
        "DealsSetConsiderOfflineRetrievalDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOfflineRetrievalDeals(args.a)
        return nil
    }

    public let dealsPieceCidBlocklist = RPCMethod<any MarketsAPI, Args0, [CIDLink]>("DealsPieceCidBlocklist", .admin, .markets) {
        api, _ in await api.pieceCidBlocklist()
    }

    public let dealsSetPieceCidBlocklist = RPCMethod<any MarketsAPI, Args1<[CIDLink]>, Empty?>(
        "DealsSetPieceCidBlocklist", .admin, .markets
    ) { api, args in
        try await api.setPieceCidBlocklist(args.a)
        return nil
    }

    public let sectorGetExpectedSealDuration = RPCMethod<any MarketsAPI, Args0, Int64>(
        "SectorGetExpectedSealDuration", .read, .markets
    ) { api, _ in await api.expectedSealDuration() }

    public let sectorSetExpectedSealDuration = RPCMethod<any MarketsAPI, Args1<Int64>, Empty?>(
        "SectorSetExpectedSealDuration", .write, .markets
    ) { api, args in
        try await api.setExpectedSealDuration(args.a)
        return nil
    }

    public let marketListIncompleteDeals = RPCMethod<any MarketsAPI, Args0, [MinerDeal]>("MarketListIncompleteDeals", .read, .markets) {
        api, _ in try await api.listIncompleteDeals()
    }

    public let dealsImportData = RPCMethod<any MarketsAPI, Args2<CID, String>, Empty?>("DealsImportData", .admin, .markets) { api, args in
        try await api.importDealData(args.a, path: args.b)
        return nil
    }

    public let marketImportDealData = RPCMethod<any MarketsAPI, Args2<CID, String>, Empty?>("MarketImportDealData", .write, .markets) {
        api, args in
        try await api.importDealData(args.a, path: args.b)
        return nil
    }

    public let marketPendingDeals = RPCMethod<any MarketsAPI, Args0, PendingDealInfo>("MarketPendingDeals", .write, .markets) { api, _ in
        try await api.pendingDeals()
    }

    public let marketPublishPendingDeals = RPCMethod<any MarketsAPI, Args0, Empty?>("MarketPublishPendingDeals", .admin, .markets) {
        api, _ in
        try await api.publishPendingDeals()
        return nil
    }

    public let piecesListPieces = RPCMethod<any MarketsAPI, Args0, [CID]>("PiecesListPieces", .read, .markets) { api, _ in
        try await api.listPieces()
    }

    public let piecesGetPieceInfo = RPCMethod<any MarketsAPI, Args1<CID>, PieceRecord>("PiecesGetPieceInfo", .read, .markets) { api, args in
        try await api.pieceInfo(args.a)
    }

    public let piecesListCidInfos = RPCMethod<any MarketsAPI, Args0, [CID]>("PiecesListCidInfos", .read, .markets) { api, _ in
        try await api.listPayloads()
    }

    public let piecesGetCIDInfo = RPCMethod<any MarketsAPI, Args1<CID>, CIDInfo>("PiecesGetCIDInfo", .read, .markets) { api, args in
        try await api.payloadInfo(args.a)
    }

    public let marketListRetrievalDeals = RPCMethod<any MarketsAPI, Args0, [ProviderRetrievalDeal]>(
        "MarketListRetrievalDeals", .read, .markets
    ) { api, _ in try await api.listRetrievalDeals() }

    public let marketListDataTransfers = RPCMethod<any MarketsAPI, Args0, [DataTransferChannel]>(
        "MarketListDataTransfers", .write, .markets
    ) { api, _ in try await api.listDataTransfers() }

    public let dagstoreListShards = RPCMethod<any MarketsAPI, Args0, [DagstoreShardInfo]>("DagstoreListShards", .read, .markets) { api, _ in
        try await api.dagstoreListShards()
    }

    public let dagstoreRegisterShard = RPCMethod<any MarketsAPI, Args1<String>, Empty?>("DagstoreRegisterShard", .admin, .markets) { api, args in
        try await api.dagstoreRegisterShard(args.a)
        return nil
    }

    public let dagstoreInitializeShard = RPCMethod<any MarketsAPI, Args1<String>, Empty?>(
        "DagstoreInitializeShard", .write, .markets, longRunning: true
    ) { api, args in
        try await api.dagstoreInitializeShard(args.a)
        return nil
    }

    public let dagstoreRecoverShard = RPCMethod<any MarketsAPI, Args1<String>, Empty?>(
        "DagstoreRecoverShard", .write, .markets, longRunning: true
    ) { api, args in
        try await api.dagstoreRecoverShard(args.a)
        return nil
    }

    public let dagstoreLookupPieces = RPCMethod<any MarketsAPI, Args1<CID>, [DagstoreShardInfo]>("DagstoreLookupPieces", .admin, .markets) {
        api, args in try await api.dagstoreLookupPieces(args.a)
    }

    public let dagstoreGC = RPCMethod<any MarketsAPI, Args0, [DagstoreShardResult]>("DagstoreGC", .admin, .markets) { api, _ in
        try await api.dagstoreGC()
    }

    public let sectorsRefs = RPCMethod<any MarketsAPI, Args0, [String: [SealedRef]]>("SectorsRefs", .read, .markets) { api, _ in
        try await api.sectorsRefs()
    }

    public let marketGetAsk = RPCMethod<any MarketsAPI, Args0, SignedStorageAsk>("MarketGetAsk", .read, .markets) { api, _ in
        try await api.getAsk()
    }

    /// Lotus's params: price, verified price, duration (epochs), min and max piece size (padded; 0 keeps the previous).
    public let marketSetAsk = RPCMethod<any MarketsAPI, Args5<TokenAmount, TokenAmount, ChainEpoch, UInt64, UInt64>, Empty?>(
        "MarketSetAsk", .admin, .markets
    ) { api, args in
        try await api.setAsk(
            price: args.a, verifiedPrice: args.b, duration: args.c, minPieceSize: args.d == 0 ? nil : args.d, maxPieceSize: args.e == 0 ? nil : args.e)
        return nil
    }
}
