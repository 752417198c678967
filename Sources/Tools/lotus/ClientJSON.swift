import ClientAPI
import Multiformats
import PieceCommitment

/// `lotus client commP --format json` and the piece of an import record (``ClientAPI/ImportedPiece``).
typealias PieceJSON = ImportedPiece

extension ImportedPiece {
    init(_ digest: PieceDigest) {
        self.init(
            root: digest.cid, size: digest.paddedSize.unpadded.rawValue, paddedSize: digest.paddedSize.rawValue, payloadSize: digest.payloadSize,
            pieceCIDv2: digest.cidV2.description)
    }
}
