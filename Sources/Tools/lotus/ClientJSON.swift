import Multiformats
import PieceCommitment

/// `lotus client commP --format json`: Lotus's CommPRet (`Root`, `Size` unpadded) plus the padded size, the
/// payload size and the v2 piece CID.
struct PieceJSON: Codable {
    var Root: CID
    var Size: UInt64
    var PaddedSize: UInt64
    var PayloadSize: UInt64
    var PieceCIDv2: String

    init(_ digest: PieceDigest) {
        Root = digest.cid
        Size = digest.paddedSize.unpadded.rawValue
        PaddedSize = digest.paddedSize.rawValue
        PayloadSize = digest.payloadSize
        PieceCIDv2 = digest.cidV2.description
    }
}

/// `<repo>/imports/<id>.json`: what `lotus client import` kept for a later deal.
struct ImportRecord: Codable {
    var id: UInt64
    var source: String
    var car: String
    var root: CID
    var piece: PieceJSON
}
