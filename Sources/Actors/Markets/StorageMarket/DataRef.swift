import ChainTypes
import Multiformats

/// How a deal's data reaches the provider (go-fil-markets `storagemarket.DataRef`), carried in a
/// ``DealProposalMessage``.
///
/// CBOR: a map (cbor-gen `--map-encoding`, `storagemarket/types.go`) with keys `TransferType` (text), `Root` (CID),
/// `PieceCid` (CID or null), `PieceSize` (uint), `RawBlockSize` (uint). v1.28 writes them as `Root`, `PieceCid`,
/// `PieceSize`, `RawBlockSize`, `TransferType`; earlier releases in the field order above (see ``CBORMapKeyOrder``).
/// The tuple-encoded `DataRef0` without `RawBlockSize` belongs to the `/1.0.1` protocols only.
public struct DataRef: CBORMapEncoded {
    /// Go `storagemarket.TTGraphsync`: the provider pulls the data from the client with graphsync.
    public static let transferTypeGraphsync = "graphsync"
    /// Go `storagemarket.TTManual`: the data is imported on the provider by hand (an offline deal).
    public static let transferTypeManual = "manual"

    public static let goTypeName = "DataRef"

    /// ``transferTypeGraphsync`` or ``transferTypeManual``.
    public var transferType: String
    /// The payload root CID.
    public var root: CID
    /// The piece CID (CommP), optional for a graphsync transfer (the provider recomputes it).
    public var pieceCID: CID?
    /// The *unpadded* piece size (`abi.UnpaddedPieceSize`; 127/128 of the padded size), 0 when unknown.
    public var pieceSize: UInt64
    /// The payload size, used as the denominator of the transfer progress; 0 when unknown.
    public var rawBlockSize: UInt64

    /// Creates a data reference.
    public init(transferType: String, root: CID, pieceCID: CID? = nil, pieceSize: UInt64 = 0, rawBlockSize: UInt64 = 0) {
        self.transferType = transferType
        self.root = root
        self.pieceCID = pieceCID
        self.pieceSize = pieceSize
        self.rawBlockSize = rawBlockSize
    }

    public func write(to cbor: inout CBORWriter, keyOrder: CBORMapKeyOrder) {
        var map = CBORMapWriter(order: keyOrder)
        map.field("TransferType") { $0.textString(transferType) }
        map.field("Root") { $0.cid(root) }
        map.field("PieceCid") { $0.optionalCID(pieceCID) }
        map.field("PieceSize") { $0.unsigned(pieceSize) }
        map.field("RawBlockSize") { $0.unsigned(rawBlockSize) }
        map.write(to: &cbor)
    }

    public init(cbor reader: inout CBORReader) throws(WireFormatError) {
        var transferType = ""
        var root: CID?
        var pieceCID: CID?
        var pieceSize: UInt64 = 0
        var rawBlockSize: UInt64 = 0
        try reader.readMapFields { key, reader in
            switch key {
            case "TransferType": transferType = try reader.boundedText()
            case "Root": root = try reader.cid()
            case "PieceCid": pieceCID = try reader.optionalCID()
            case "PieceSize": pieceSize = try reader.unsigned()
            case "RawBlockSize": rawBlockSize = try reader.unsigned()
            default: return false
            }
            return true
        }
        self.init(
            transferType: transferType, root: try requiredField(root, "Root"), pieceCID: pieceCID, pieceSize: pieceSize,
            rawBlockSize: rawBlockSize)
    }
}
