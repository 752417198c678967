import Multiformats

/// Which piece holds a payload (Lotus `piecestore.CIDInfo`), as `PiecesGetCIDInfo` returns it. This index keeps one
/// location per deal's payload: its root CID, at offset 0 of the piece, with the CAR's length as the block size.
/// JSON: `{"CID":{"/":…},"PieceBlockLocations":[{"RelOffset":0,"BlockSize":1500,"PieceCID":{"/":…}}]}`.
public struct CIDInfo: Sendable, Equatable, Codable {
    public var cid: CID
    public var pieceBlockLocations: [PieceBlockLocation]

    public init(cid: CID, pieceBlockLocations: [PieceBlockLocation]) {
        self.cid = cid
        self.pieceBlockLocations = pieceBlockLocations
    }

    enum CodingKeys: String, CodingKey { case cid = "CID", pieceBlockLocations = "PieceBlockLocations" }
}

/// Where a payload's bytes lie in a piece (Lotus `piecestore.PieceBlockLocation`, its `BlockLocation` flattened as
/// Go's JSON flattens an embedded struct).
public struct PieceBlockLocation: Sendable, Equatable, Codable {
    public var relOffset: UInt64
    public var blockSize: UInt64
    public var pieceCID: CID

    public init(relOffset: UInt64, blockSize: UInt64, pieceCID: CID) {
        self.relOffset = relOffset
        self.blockSize = blockSize
        self.pieceCID = pieceCID
    }

    enum CodingKeys: String, CodingKey { case relOffset = "RelOffset", blockSize = "BlockSize", pieceCID = "PieceCID" }
}
