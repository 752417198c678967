import ChainTypes
/// A sector file declared in a storage path (Lotus `storiface.Decl`): `{"Miner":1000,"Number":3,"SectorFileType":2}`.
public struct SectorDecl: Codable, Sendable, Hashable {
    public var sector: SectorID
    public var fileType: SectorFileType

    public init(sector: SectorID, fileType: SectorFileType) {
        self.sector = sector
        self.fileType = fileType
    }

    enum CodingKeys: String, CodingKey { case miner = "Miner", number = "Number", fileType = "SectorFileType" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sector = SectorID(miner: try c.decode(UInt64.self, forKey: .miner), number: try c.decode(UInt64.self, forKey: .number))
        fileType = try c.decode(SectorFileType.self, forKey: .fileType)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sector.miner, forKey: .miner)
        try c.encode(sector.number, forKey: .number)
        try c.encode(fileType, forKey: .fileType)
    }
}
