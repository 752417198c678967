import APICore

/// Methods owned by the Markets subsystem (permissions as Lotus v1.17.2).
public struct MarketsMethods: MethodSet {
    public init() {}

    public let dealsConsiderOnlineStorageDeals = RPCMethod<MarketsActor, Args0, Bool>(
        "DealsConsiderOnlineStorageDeals", .admin, .markets
    ) { api, _ in await api.considerOnlineStorageDeals() }

    public let dealsSetConsiderOnlineStorageDeals = RPCMethod<MarketsActor, Args1<Bool>, Empty?>(
        "DealsSetConsiderOnlineStorageDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOnlineStorageDeals(args.a)
        return nil
    }

    public let dealsConsiderOfflineStorageDeals = RPCMethod<MarketsActor, Args0, Bool>(
        "DealsConsiderOfflineStorageDeals", .admin, .markets
    ) { api, _ in await api.considerOfflineStorageDeals() }

    public let dealsSetConsiderOfflineStorageDeals = RPCMethod<MarketsActor, Args1<Bool>, Empty?>(
        "DealsSetConsiderOfflineStorageDeals", .admin, .markets
    ) { api, args in
        try await api.setConsiderOfflineStorageDeals(args.a)
        return nil
    }

    public let dealsPieceCidBlocklist = RPCMethod<MarketsActor, Args0, [CIDLink]>("DealsPieceCidBlocklist", .admin, .markets) {
        api, _ in await api.pieceCidBlocklist()
    }

    public let dealsSetPieceCidBlocklist = RPCMethod<MarketsActor, Args1<[CIDLink]>, Empty?>(
        "DealsSetPieceCidBlocklist", .admin, .markets
    ) { api, args in
        try await api.setPieceCidBlocklist(args.a)
        return nil
    }

    public let sectorGetExpectedSealDuration = RPCMethod<MarketsActor, Args0, Int64>(
        "SectorGetExpectedSealDuration", .read, .markets
    ) { api, _ in await api.expectedSealDuration() }

    public let sectorSetExpectedSealDuration = RPCMethod<MarketsActor, Args1<Int64>, Empty?>(
        "SectorSetExpectedSealDuration", .write, .markets
    ) { api, args in
        try await api.setExpectedSealDuration(args.a)
        return nil
    }
}
