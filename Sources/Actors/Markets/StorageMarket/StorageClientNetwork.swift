import Multiformats

/// What a storage client needs from the network (the mirror of ``StorageProviderHandling``): reach a provider and
/// make one exchange on each storage-market protocol. The chain daemon's Client actor is given one; the libp2p glue
/// (`StorageMarketClient`) implements it over the daemon's host.
public protocol StorageClientNetwork: Sendable {
    /// Whether a connection to `peer` is open now.
    func isConnected(_ peer: PeerID) -> Bool
    /// Makes sure a connection to `provider` is open, dialling `addresses` (its on-chain multiaddrs) when none is.
    func connect(_ provider: PeerID, addresses: [Multiaddr]) async throws
    /// Sends a deal proposal on `/fil/storage/mk/1.1.0` and returns the provider's signed answer.
    func propose(_ proposal: DealProposalMessage, to provider: PeerID) async throws -> SignedDealResponse
    /// Asks the provider for its ask on `/fil/storage/ask/1.1.0`.
    func queryAsk(_ request: AskRequest, of provider: PeerID) async throws -> AskResponse
    /// Asks the provider for a deal's state on `/fil/storage/status/1.1.0`.
    func dealStatus(_ request: DealStatusRequest, from provider: PeerID) async throws -> DealStatusResponse
    /// Pushes the file at `path` as deal `proposal`'s data (this build's `/lotus-swift/storage/push/1.0.0`), from
    /// where the provider says it stopped; returns the bytes the provider holds.
    func push(_ proposal: CID, to provider: PeerID, file path: String) async throws -> UInt64
    /// Retrieves payload `payload` (the CAR its deal stored) from `provider` into the file at `path`; returns its size.
    func retrieve(_ payload: CID, from provider: PeerID, to path: String) async throws -> UInt64
}
