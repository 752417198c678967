import Multiformats

/// A piece in a sector: its padded size, its piece CID (CommP), and the deal it belongs to (none for padding and
/// committed-capacity pieces). Offsets follow from the order.
public struct SectorPiece: Codable, Sendable, Equatable {
    /// Padded size in bytes (a power of two, at least 128).
    public var size: UInt64
    public var pieceCID: CID
    /// The deal, when the piece is a deal's.
    public var dealID: UInt64?
    /// The deal's schedule: the sector is pre-committed before its start and lives until its end.
    public var dealSchedule: DealSchedule?

    public init(size: UInt64, pieceCID: CID, dealID: UInt64? = nil, dealSchedule: DealSchedule? = nil) {
        self.size = size
        self.pieceCID = pieceCID
        self.dealID = dealID
        self.dealSchedule = dealSchedule
    }

    enum CodingKeys: String, CodingKey { case size = "Size", pieceCID = "PieceCID", dealID = "DealID", dealSchedule = "DealSchedule" }
}
