import ChainTypes

/// The deal proposal a client sends on `/fil/storage/mk/1.1.0` (go-fil-markets `network.Proposal`, read by
/// the provider as `migrations.Proposal1`).
///
/// CBOR: a map with keys `DealProposal` (the ``ClientDealProposal`` 2-tuple `[DealProposal 11-tuple, signature
/// bytes]`, or null), `Piece` (a ``DataRef`` map, or null) and `FastRetrieval` (bool). v1.28 writes `Piece`,
/// `DealProposal`, `FastRetrieval`; earlier releases `DealProposal`, `Piece`, `FastRetrieval`.
public struct DealProposalMessage: CBORMapEncoded {
    public static let goTypeName = "Proposal"

    /// The proposal with the client's signature over its CBOR; `nil` only in a malformed message.
    public var dealProposal: ClientDealProposal?
    /// Where the data comes from; `nil` only in a malformed message.
    public var piece: DataRef?
    /// Whether the provider should keep an unsealed copy for fast retrieval.
    public var fastRetrieval: Bool

    /// Creates a proposal message.
    public init(dealProposal: ClientDealProposal?, piece: DataRef?, fastRetrieval: Bool = false) {
        self.dealProposal = dealProposal
        self.piece = piece
        self.fastRetrieval = fastRetrieval
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("DealProposal") { cbor in
            if let dealProposal { dealProposal.write(to: &cbor) } else { cbor.null() }
        }
        map.field("Piece") { cbor in
            if let piece { piece.write(to: &cbor, keyOrder: keyOrder) } else { cbor.null() }
        }
        map.field("FastRetrieval") { $0.bool(fastRetrieval) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var dealProposal: ClientDealProposal?
        var piece: DataRef?
        var fastRetrieval = false
        try reader.readMapFields { key, reader in
            switch key {
            case "DealProposal": dealProposal = reader.null() ? nil : try ClientDealProposal(marketCBOR: &reader)
            case "Piece": piece = reader.null() ? nil : try DataRef(cbor: &reader)
            case "FastRetrieval": fastRetrieval = try reader.bool()
            default: return false
            }
            return true
        }
        self.init(dealProposal: dealProposal, piece: piece, fastRetrieval: fastRetrieval)
    }
}
