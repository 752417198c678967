/// The order in which the keys of a map-encoded struct are written.
///
/// go-fil-markets generates its storage-market types with `cbor-gen-for --map-encoding`; every key is the Go field
/// name as a text string. Which order cbor-gen writes them in depends on the release:
///
/// - go-fil-markets v1.28.x (the last releases; `storagemarket/types_cbor_gen.go` and
///   `storagemarket/network/types_cbor_gen.go` since commit d1c0d0a5, April 2023) writes them in DAG-CBOR canonical
///   order: shorter keys first, equal lengths byte-wise. That is ``canonical``.
/// - Earlier releases (the map encoding arrived with v1.0, commit f7227b26, September 2020) wrote them in Go field
///   declaration order. That is ``goFieldOrder``.
///
/// The two differ only for `Proposal` (`Piece` before `DealProposal` in canonical order), `DataRef`, `StorageAsk`
/// and `ProviderDealState`; `Response`, `SignedResponse`, `AskRequest`, `AskResponse`, `SignedStorageAsk`,
/// `DealStatusRequest` and `DealStatusResponse` come out the same either way. Readers of every release accept any
/// order, so the order matters only where a signature covers the bytes: a go-fil-markets peer re-encodes a
/// `StorageAsk` or `ProviderDealState` with its own order before checking the signature over it.
public enum CBORMapKeyOrder: Sendable, Hashable, CaseIterable {
    /// Length first, then byte-wise (DAG-CBOR; go-fil-markets v1.28).
    case canonical
    /// Go field declaration order (go-fil-markets v1.0 – v1.27).
    case goFieldOrder
}
