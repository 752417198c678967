/// A sector file declared in a storage path (Lotus `storiface.Decl`).
public struct SectorDecl: Codable, Sendable, Equatable {
    public var miner: UInt64
    public var number: UInt64
    public var fileType: Int

    enum CodingKeys: String, CodingKey { case miner = "Miner", number = "Number", fileType = "SectorFileType" }
}
