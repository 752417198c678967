/// Where a piece's bytes are: an unsealed sector file, read from a path of this node or from the node that holds it
/// (`/remote`), and the piece's place in that file (padded bytes).
public struct PieceLocation: Sendable, Equatable {
    /// Where the unsealed sector file (Fr32-padded pieces) is read.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A file on a path this node can read (its own `storage.json`).
        case file(String)
        /// A URL another node serves it at (`…/remote/unsealed/s-t01000-3`), read with the sector index's token.
        case remote(String)

        public var description: String {
            switch self {
            case .file(let path): path
            case .remote(let url): url
            }
        }
    }

    public var source: Source
    /// The piece's offset in the file, padded.
    public var offset: UInt64
    /// The piece's padded size.
    public var length: UInt64

    public init(source: Source, offset: UInt64, length: UInt64) {
        self.source = source
        self.offset = offset
        self.length = length
    }

    /// The piece's size unpadded: what a retrieval serves.
    public var unpaddedLength: UInt64 { length - length / 128 }
}
