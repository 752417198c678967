import Multiformats

/// A piece placed in a sector (go-state-types `abi.PieceInfo`): its padded size and commitment.
public struct PieceInfo: Hashable, Sendable {
    /// The padded size.
    public let size: PaddedPieceSize
    /// The commitment.
    public let commitment: Commitment

    /// A piece of the given size and commitment.
    public init(size: PaddedPieceSize, commitment: Commitment) {
        self.size = size
        self.commitment = commitment
    }

    /// A piece given by its v1 piece CID.
    ///
    /// - Throws: ``PieceCommitmentError`` when `cid` is not a v1 piece CID.
    public init(size: PaddedPieceSize, cid: CID) throws(PieceCommitmentError) {
        self.init(size: size, commitment: try PieceCID.commitment(fromV1: cid))
    }

    /// An all-zero padding piece.
    public static func zero(_ size: PaddedPieceSize) -> PieceInfo {
        PieceInfo(size: size, commitment: ZeroCommitments.piece(size))
    }
}
