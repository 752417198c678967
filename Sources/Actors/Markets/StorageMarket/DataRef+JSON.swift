import Multiformats

/// Lotus's JSON: `{"TransferType":"manual","Root":{"/":…},"PieceCid":{"/":…}|null,"PieceSize":…,"RawBlockSize":…}`.
extension DataRef: Codable {
    enum CodingKeys: String, CodingKey {
        case transferType = "TransferType", root = "Root", pieceCID = "PieceCid", pieceSize = "PieceSize", rawBlockSize = "RawBlockSize"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            transferType: try c.decode(String.self, forKey: .transferType), root: try c.decode(CID.self, forKey: .root),
            pieceCID: try c.decodeIfPresent(CID.self, forKey: .pieceCID), pieceSize: try c.decodeIfPresent(UInt64.self, forKey: .pieceSize) ?? 0,
            rawBlockSize: try c.decodeIfPresent(UInt64.self, forKey: .rawBlockSize) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(transferType, forKey: .transferType)
        try c.encode(root, forKey: .root)
        try c.encode(pieceCID, forKey: .pieceCID)
        try c.encode(pieceSize, forKey: .pieceSize)
        try c.encode(rawBlockSize, forKey: .rawBlockSize)
    }

    /// Whether the provider imports the data itself (an offline deal).
    public var isOffline: Bool { transferType == Self.transferTypeManual }
}
