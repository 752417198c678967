/// The libp2p protocol IDs whose messages this target encodes (go-fil-markets `storagemarket/types.go`).
///
/// Each stream carries one request and one response, each a single raw CBOR item with no length prefix
/// (go-fil-markets `cborutil.WriteCborRPC`); see ``CBORFraming``.
public enum StorageMarketProtocol {
    /// Deal proposals: ``DealProposalMessage`` in, ``SignedDealResponse`` out (Go `DealProtocolID110`).
    public static let deal = "/fil/storage/mk/1.1.0"
    /// Asks: ``AskRequest`` in, ``AskResponse`` out (Go `AskProtocolID`).
    public static let ask = "/fil/storage/ask/1.1.0"
    /// Deal status: ``DealStatusRequest`` in, ``DealStatusResponse`` out (Go `DealStatusProtocolID`).
    public static let dealStatus = "/fil/storage/status/1.1.0"
    /// Online deal data, pushed by the client (``DealDataPushRequest`` in, ``DealDataPushReply`` with the offset to
    /// resume from out, then the bytes from there to the end, then a final ``DealDataPushReply``). This build's own
    /// protocol, in place of go-fil-markets' graphsync pull: see docs/DESIGN.md "Storage deals".
    public static let dataPush = "/lotus-swift/storage/push/1.0.0"
    /// Retrieval by data CID: ``RetrievalRequest`` in, ``RetrievalReply`` (the CAR's size, or why not) out, then the
    /// CAR's bytes. This build's own protocol, in place of go-fil-markets' query protocol and graphsync transfer.
    public static let retrieval = "/lotus-swift/retrieval/car/1.0.0"
}
