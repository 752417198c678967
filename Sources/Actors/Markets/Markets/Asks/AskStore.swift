import APICore
import StorageMarket
import SubsystemSupport

/// The provider's signed storage ask, persisted as go-fil-markets' `storedask` keeps it: the CBOR of the
/// `SignedStorageAsk` under `/deals/provider/storage-ask/latest`.
struct AskStore: Sendable {
    static let key = "/deals/provider/storage-ask/latest"
    /// go-fil-markets' defaults (`storedask.go`), used for the first ask: attoFIL per GiB per epoch, epochs, padded bytes.
    static let defaultPrice: Int128 = 500_000_000
    static let defaultVerifiedPrice: Int128 = 50_000_000
    static let defaultDuration: Int64 = 1_000_000
    static let defaultMinPieceSize: UInt64 = 256
    static let defaultMaxPieceSize: UInt64 = 1 << 20

    let metadata: any MetadataStore

    /// The stored ask, if one was set.
    /// - Throws: ``APICore/RPCError`` when the stored bytes do not decode.
    func ask() throws -> SignedStorageAsk? {
        guard let bytes = try metadata.get(Self.key) else { return nil }
        do {
            return try SignedStorageAsk.decode(bytes)
        } catch {
            throw RPCError(.methodError, "the stored ask \(Self.key) is corrupt: \(error)")
        }
    }

    func save(_ ask: SignedStorageAsk) throws {
        try metadata.put(Self.key, ask.encoded)
    }
}
