import Multiformats

/// Where a piece's deals were sealed (Lotus `piecestore.PieceInfo`), as `PiecesGetPieceInfo` returns it.
/// JSON: `{"PieceCID":{"/":"baga6ea4sea…"},"Deals":[{"DealID":3,"SectorID":0,"Offset":0,"Length":2048}]}`.
public struct PieceRecord: Sendable, Equatable, Codable {
    public var pieceCID: CID
    public var deals: [PiecePlacement]

    public init(pieceCID: CID, deals: [PiecePlacement]) {
        self.pieceCID = pieceCID
        self.deals = deals
    }

    enum CodingKeys: String, CodingKey { case pieceCID = "PieceCID", deals = "Deals" }
}

/// One deal's copy of a piece in a sector (Lotus `piecestore.DealInfo`): padded offset and length.
public struct PiecePlacement: Sendable, Equatable, Codable {
    public var dealID: UInt64
    public var sectorID: UInt64
    public var offset: UInt64
    public var length: UInt64

    public init(dealID: UInt64, sectorID: UInt64, offset: UInt64, length: UInt64) {
        self.dealID = dealID
        self.sectorID = sectorID
        self.offset = offset
        self.length = length
    }

    enum CodingKeys: String, CodingKey { case dealID = "DealID", sectorID = "SectorID", offset = "Offset", length = "Length" }
}
