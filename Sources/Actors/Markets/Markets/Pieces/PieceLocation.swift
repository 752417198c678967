/// Where a piece's bytes are: an unsealed sector file this node can read, and the piece's place in it (padded bytes).
public struct PieceLocation: Sendable, Equatable {
    /// The unsealed sector file (Fr32-padded pieces).
    public var file: String
    /// The piece's offset in the file, padded.
    public var offset: UInt64
    /// The piece's padded size.
    public var length: UInt64

    public init(file: String, offset: UInt64, length: UInt64) {
        self.file = file
        self.offset = offset
        self.length = length
    }

    /// The piece's size unpadded: what a retrieval serves.
    public var unpaddedLength: UInt64 { length - length / 128 }
}
