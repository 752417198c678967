import Multiformats

/// A storage deal proposal (Lotus `market.DealProposal`), as the client signs it.
///
/// JSON: `{"PieceCID":{"/":…},"PieceSize":2048,"VerifiedDeal":false,"Client":"t1…","Provider":"t01000","Label":"…",
/// "StartEpoch":…,"EndEpoch":…,"StoragePricePerEpoch":"…","ProviderCollateral":"…","ClientCollateral":"…"}`.
/// ``cborBytes`` is the 11-field tuple the client's signature covers.
public struct DealProposal: Sendable, Hashable, Codable {
    /// The piece commitment (CommP), a `fil-commitment-unsealed` CID (`baga6ea4sea…`).
    public var pieceCID: CID
    /// The padded piece size (a power of two, at least 128).
    public var pieceSize: UInt64
    /// Whether the deal uses DataCap (always false on this devnet).
    public var verifiedDeal: Bool
    /// The client.
    public var client: Address
    /// The provider (storage miner).
    public var provider: Address
    /// A free-form label (usually the payload CID).
    public var label: String
    /// The epoch by which the sector holding the deal must be proven.
    public var startEpoch: ChainEpoch
    /// The epoch the deal ends.
    public var endEpoch: ChainEpoch
    /// Price per epoch paid by the client.
    public var storagePricePerEpoch: TokenAmount
    /// Collateral the provider locks.
    public var providerCollateral: TokenAmount
    /// Collateral the client locks.
    public var clientCollateral: TokenAmount

    /// Creates a proposal.
    public init(
        pieceCID: CID, pieceSize: UInt64, verifiedDeal: Bool = false, client: Address, provider: Address,
        label: String = "", startEpoch: ChainEpoch, endEpoch: ChainEpoch, storagePricePerEpoch: TokenAmount,
        providerCollateral: TokenAmount, clientCollateral: TokenAmount
    ) {
        self.pieceCID = pieceCID
        self.pieceSize = pieceSize
        self.verifiedDeal = verifiedDeal
        self.client = client
        self.provider = provider
        self.label = label
        self.startEpoch = startEpoch
        self.endEpoch = endEpoch
        self.storagePricePerEpoch = storagePricePerEpoch
        self.providerCollateral = providerCollateral
        self.clientCollateral = clientCollateral
    }

    /// Epochs the deal lasts.
    public var duration: ChainEpoch { endEpoch - startEpoch }

    /// What the client pays over the whole deal.
    public var totalPrice: TokenAmount { storagePricePerEpoch * duration }

    /// The DAG-CBOR tuple the client signs (cbor-gen order; the label as a text string).
    public var cborBytes: [UInt8] {
        var cbor = CBORWriter()
        cbor.arrayHeader(11)
        cbor.cidLink(binary: pieceCID.bytes)
        cbor.unsigned(pieceSize)
        cbor.bool(verifiedDeal)
        cbor.byteString(client.bytes)
        cbor.byteString(provider.bytes)
        cbor.textString(label)
        cbor.integer(startEpoch)
        cbor.integer(endEpoch)
        cbor.bigInt(storagePricePerEpoch)
        cbor.bigInt(providerCollateral)
        cbor.bigInt(clientCollateral)
        return cbor.bytes
    }

    /// The proposal CID (dag-cbor blake2b-256 of ``cborBytes``), as Lotus names proposals.
    public var cid: CID { CID.dagCBORBlake2b256(of: cborBytes) }

    enum CodingKeys: String, CodingKey {
        case pieceCID = "PieceCID", pieceSize = "PieceSize", verifiedDeal = "VerifiedDeal", client = "Client"
        case provider = "Provider", label = "Label", startEpoch = "StartEpoch", endEpoch = "EndEpoch"
        case storagePricePerEpoch = "StoragePricePerEpoch", providerCollateral = "ProviderCollateral"
        case clientCollateral = "ClientCollateral"
    }
}
