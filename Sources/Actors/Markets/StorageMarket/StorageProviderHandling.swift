import Multiformats

/// What a storage provider answers on the storage-market protocols; the markets node's Markets actor implements it,
/// and the libp2p glue (`StorageProviderProtocols`) frames the requests and answers.
public protocol StorageProviderHandling: Sendable {
    /// A deal proposal from the libp2p peer `client`: accepted (WaitingForData) or rejected with the reason.
    func handleProposal(_ proposal: DealProposalMessage, from client: String) async throws -> SignedDealResponse
    /// The provider's current ask, signed by its worker.
    func handleAsk(_ request: AskRequest) async throws -> AskResponse
    /// A deal's state, for the deal's client (the request signed by the client's key).
    func handleStatus(_ request: DealStatusRequest) async throws -> DealStatusResponse
    /// A push of deal `proposal`'s data from the libp2p peer `client` starts (it waits for a transfer slot).
    /// - Throws: when the deal is not an online deal of this client waiting for its data.
    func receiveData(for proposal: Multiformats.CID, from client: String) async throws -> any DealDataReceiver
    /// Payload `payload` as its deal stored it (the CAR) for the libp2p peer `client`: the retrieval deal's number,
    /// the size and the bytes. The deal is recorded as under way; ``retrievalEnded(_:client:sent:error:)`` ends it.
    /// - Throws: with the reason when it is not served (retrieval policy, unknown payload, no readable copy); the
    ///   refusal is recorded.
    func retrieve(_ payload: Multiformats.CID, for client: String) async throws -> (deal: UInt64, size: UInt64, bytes: AsyncThrowingStream<[UInt8], any Error>)
    /// Retrieval `deal` of `client` ended after `sent` bytes: completed, or stopped by `error`.
    func retrievalEnded(_ deal: UInt64, client: String, sent: UInt64, error: String?) async
}
