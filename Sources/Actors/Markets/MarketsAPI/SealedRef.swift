/// A deal's piece in a sector as `SectorsRefs` lists it (Lotus `api.SealedRef`): padded offset, unpadded size.
/// JSON: `{"SectorID":0,"Offset":0,"Size":2032}`.
public struct SealedRef: Sendable, Equatable, Codable {
    public var sectorID: UInt64
    public var offset: UInt64
    public var size: UInt64

    public init(sectorID: UInt64, offset: UInt64, size: UInt64) {
        self.sectorID = sectorID
        self.offset = offset
        self.size = size
    }

    enum CodingKeys: String, CodingKey { case sectorID = "SectorID", offset = "Offset", size = "Size" }
}
