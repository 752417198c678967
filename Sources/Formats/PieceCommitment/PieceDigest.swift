import Multiformats

/// The result of hashing a piece: its commitment, padded size and payload size, and both CID forms.
public struct PieceDigest: Hashable, Sendable {
    /// The piece commitment (CommP).
    public let commitment: Commitment
    /// How many payload bytes were hashed.
    public let payloadSize: UInt64
    /// The padded piece size (a power of two, at least 128).
    public let paddedSize: PaddedPieceSize

    /// Creates a digest from its parts.
    public init(commitment: Commitment, payloadSize: UInt64, paddedSize: PaddedPieceSize) {
        self.commitment = commitment
        self.payloadSize = payloadSize
        self.paddedSize = paddedSize
    }

    /// The v1 piece CID (`baga6ea4seaq…`).
    public var cid: CID { PieceCID.v1(commitment) }

    /// The v2 piece CID (`bafkzcib…`), which also carries the sizes.
    public var cidV2: CID {
        guard let cid = try? PieceCID.v2(commitment, paddedSize: paddedSize, payloadSize: payloadSize) else {
            preconditionFailure("a digest's payload always fits its padded size")
        }
        return cid
    }

    /// The commitment of `bytes`, hashed on one core.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/tooLarge`` above 64 GiB padded.
    public static func of(_ bytes: some Sequence<UInt8>) throws(PieceCommitmentError) -> PieceDigest {
        let builder = CommPBuilder()
        try builder.update(bytes)
        return try builder.finish()
    }
}
