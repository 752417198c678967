import Multiformats

/// One block of a CAR, its bytes checked against its CID.
public struct CARBlock: Sendable, Hashable {
    /// The block's CID.
    public let cid: CID
    /// The block's bytes.
    public let data: [UInt8]
    /// Where the block's bytes start in the CAR.
    public let dataOffset: UInt64
}
