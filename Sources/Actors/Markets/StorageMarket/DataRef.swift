import Multiformats

/// How a deal's data reaches the provider (go-fil-markets `storagemarket.DataRef`).
public struct DataRef: Sendable, Hashable {
    /// Online transfer: the client pushes the CAR to the provider.
    public static let graphsync = "graphsync"
    /// Offline: the provider imports the data itself (`storage-deals import-data`).
    public static let manual = "manual"

    /// ``graphsync`` or ``manual``.
    public var transferType: String
    /// The payload's root CID (the data CID).
    public var root: CID
    /// The piece CID, when the client computed it (always for offline deals).
    public var pieceCid: CID?
    /// The unpadded piece size.
    public var pieceSize: UInt64
    /// The CAR's size in bytes.
    public var rawBlockSize: UInt64

    public init(transferType: String, root: CID, pieceCid: CID? = nil, pieceSize: UInt64 = 0, rawBlockSize: UInt64 = 0) {
        self.transferType = transferType
        self.root = root
        self.pieceCid = pieceCid
        self.pieceSize = pieceSize
        self.rawBlockSize = rawBlockSize
    }

    /// Whether the provider imports the data itself.
    public var isOffline: Bool { transferType == Self.manual }
}
