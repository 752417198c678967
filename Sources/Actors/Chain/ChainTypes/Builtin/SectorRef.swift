/// A sector and its seal proof type, as `CheckProvable` and `SectorsUnsealPiece` take it (Lotus `storiface.SectorRef`:
/// `{"ID":{"Miner":1000,"Number":0},"ProofType":5}`).
public struct SectorRef: Codable, Sendable, Equatable {
    /// The sector.
    public var id: SectorID
    /// Its registered seal proof type.
    public var proofType: Int64

    /// Creates a reference.
    public init(id: SectorID, proofType: Int64) {
        self.id = id
        self.proofType = proofType
    }

    enum CodingKeys: String, CodingKey { case id = "ID", proofType = "ProofType" }
}
