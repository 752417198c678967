import Multiformats

/// `<LOTUS_PATH>/imports/<id>.json`: what `lotus client import` kept for a later deal — the CAR it wrote, its data CID
/// and its piece — read again by the daemon's client when an online deal sends that CAR.
public struct ImportRecord: Codable, Sendable, Equatable {
    public var id: UInt64
    /// The imported file.
    public var source: String
    /// The CAR kept in the imports directory.
    public var car: String
    /// The data CID (the DAG's root).
    public var root: CID
    public var piece: ImportedPiece

    public init(id: UInt64, source: String, car: String, root: CID, piece: ImportedPiece) {
        self.id = id
        self.source = source
        self.car = car
        self.root = root
        self.piece = piece
    }
}

/// A CAR's piece as `lotus client commP --format json` prints it: Lotus's CommPRet (`Root`, `Size` unpadded) plus the
/// padded size, the payload size and the v2 piece CID.
public struct ImportedPiece: Codable, Sendable, Equatable {
    public var Root: CID
    public var Size: UInt64
    public var PaddedSize: UInt64
    public var PayloadSize: UInt64
    public var PieceCIDv2: String

    public init(root: CID, size: UInt64, paddedSize: UInt64, payloadSize: UInt64, pieceCIDv2: String) {
        Root = root
        Size = size
        PaddedSize = paddedSize
        PayloadSize = payloadSize
        PieceCIDv2 = pieceCIDv2
    }
}
