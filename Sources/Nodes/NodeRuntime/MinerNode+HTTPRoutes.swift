import HTTP2Transport
import MinerNode

extension MinerNode {
    /// The plain-HTTP routes beside JSON-RPC: `/remote` (sector files, admin) where SectorStorage runs, `/piece`
    /// (retrieval by piece CID, public) where Markets runs.
    public var httpRoutes: [any HTTPStreamRoute] {
        var routes: [any HTTPStreamRoute] = []
        if let localSectorStorage { routes.append(RemoteSectorRoute(storage: localSectorStorage)) }
        if let localMarkets { routes.append(PieceRetrievalRoute(markets: localMarkets)) }
        return routes
    }
}
