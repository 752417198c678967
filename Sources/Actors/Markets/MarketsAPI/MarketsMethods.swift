import APICore

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
}
