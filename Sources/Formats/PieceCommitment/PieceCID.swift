import Multiformats

/// Piece CIDs in both forms.
///
/// - v1 (go-fil-commcid): CIDv1, codec `fil-commitment-unsealed` (0xf101), multihash `sha2-256-trunc254-padded`
///   (0x1012) over the 32-byte commitment; text `baga6ea4seaq…`. It carries no size: deals pair it with the
///   padded size.
/// - v2 (FRC-0069): CIDv1, codec `raw` (0x55), multihash `fr32-sha256-trunc254-padbintree` (0x1011) whose
///   digest is `uvarint(padding) | height | commitment`; text `bafkzcib…`. The height gives the padded size
///   (32 << height) and the padding the payload size (unpadded capacity − padding).
public enum PieceCID {
    /// The multihash code of v2 piece CIDs, `fr32-sha256-trunc254-padbintree`.
    public static let v2HashCode = Multihash.Code(rawValue: 0x1011)

    /// What a v2 piece CID says.
    public struct V2: Hashable, Sendable {
        /// The piece commitment.
        public let commitment: Commitment
        /// The padded size, 32 << height.
        public let paddedSize: PaddedPieceSize
        /// The payload size: the padded size's capacity minus the padding.
        public let payloadSize: UInt64
    }

    /// The v1 CID of `commitment`.
    public static func v1(_ commitment: Commitment) -> CID {
        // A 32-byte digest always suits sha2-256-trunc254-padded, so this cannot throw.
        let hash = try? Multihash(code: .sha2_256_trunc254_padded, digest: commitment.bytes)
        guard let hash else { preconditionFailure("a 32-byte digest is valid for sha2-256-trunc254-padded") }
        return CID(codec: .filCommitmentUnsealed, multihash: hash)
    }

    /// The commitment in a v1 piece CID.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidCID`` for another codec or hash,
    ///   ``PieceCommitmentError/Code/invalidCommitment`` for a digest that is not an Fr32 element.
    public static func commitment(fromV1 cid: CID) throws(PieceCommitmentError) -> Commitment {
        guard cid.version == .v1, cid.codec == .filCommitmentUnsealed, cid.multihash.code == .sha2_256_trunc254_padded else {
            throw PieceCommitmentError(
                .invalidCID,
                "\(cid) is not a v1 piece CID (expected codec fil-commitment-unsealed with sha2-256-trunc254-padded, "
                    + "got \(cid.codec) with \(cid.multihash.code))")
        }
        return try Commitment(bytes: cid.multihash.digest)
    }

    /// The v2 CID of a piece of `payloadSize` bytes with the given commitment and padded size.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` when the payload does not
    ///   fit the padded size.
    public static func v2(_ commitment: Commitment, paddedSize: PaddedPieceSize, payloadSize: UInt64) throws(PieceCommitmentError) -> CID {
        let capacity = paddedSize.unpadded.rawValue
        guard payloadSize <= capacity else {
            throw PieceCommitmentError(.invalidSize, "a payload of \(payloadSize) bytes does not fit a \(paddedSize)-byte piece")
        }
        var digest: [UInt8] = []
        Varint.append(capacity - payloadSize, to: &digest)
        digest.append(UInt8(paddedSize.treeHeight))
        digest += commitment.bytes
        guard let hash = try? Multihash(code: v2HashCode, digest: digest) else {
            preconditionFailure("0x1011 has no fixed digest length")
        }
        return CID(codec: .raw, multihash: hash)
    }

    /// Parses a v2 piece CID.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidCID`` for another codec or hash, a
    ///   malformed digest, a height outside 2...58 or padding larger than the piece.
    public static func parseV2(_ cid: CID) throws(PieceCommitmentError) -> V2 {
        guard cid.version == .v1, cid.codec == .raw, cid.multihash.code == v2HashCode else {
            throw PieceCommitmentError(
                .invalidCID,
                "\(cid) is not a v2 piece CID (expected codec raw with fr32-sha256-trunc254-padbintree 0x1011, "
                    + "got \(cid.codec) with \(cid.multihash.code))")
        }
        let digest = cid.multihash.digest
        let padding: UInt64
        let varintLength: Int
        do throws(MultiformatsError) {
            (padding, varintLength) = try Varint.decode(digest)
        } catch {
            throw PieceCommitmentError(.invalidCID, "v2 piece CID digest: padding: \(error.message)")
        }
        guard digest.count == varintLength + 33 else {
            throw PieceCommitmentError(
                .invalidCID, "v2 piece CID digest must be uvarint(padding), 1 height byte and 32 commitment bytes; got \(digest.count) bytes")
        }
        let height = Int(digest[varintLength])
        guard (2...58).contains(height) else {
            throw PieceCommitmentError(.invalidCID, "v2 piece CID height \(height) is outside 2...58 (128 B to 2^63 B)")
        }
        let paddedSize = PaddedPieceSize(unchecked: UInt64(32) << UInt64(height))
        let capacity = paddedSize.unpadded.rawValue
        guard padding <= capacity else {
            throw PieceCommitmentError(.invalidCID, "v2 piece CID padding \(padding) exceeds the \(capacity)-byte capacity of height \(height)")
        }
        let commitment = try Commitment(bytes: digest[(varintLength + 1)...])
        return V2(commitment: commitment, paddedSize: paddedSize, payloadSize: capacity - padding)
    }

    /// v1 → v2, given the payload size v1 does not carry.
    ///
    /// - Throws: ``PieceCommitmentError`` for an invalid v1 CID or a payload too large for the padded size.
    public static func v2(fromV1 cid: CID, paddedSize: PaddedPieceSize, payloadSize: UInt64) throws(PieceCommitmentError) -> CID {
        try v2(commitment(fromV1: cid), paddedSize: paddedSize, payloadSize: payloadSize)
    }

    /// v2 → v1 (dropping the sizes).
    ///
    /// - Throws: ``PieceCommitmentError`` for an invalid v2 CID.
    public static func v1(fromV2 cid: CID) throws(PieceCommitmentError) -> CID {
        v1(try parseV2(cid).commitment)
    }
}
