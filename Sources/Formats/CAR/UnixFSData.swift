import Multiformats

/// The UnixFS metadata in a DAG-PB node's data field: protobuf
/// `Data { Type = 1; Data = 2; filesize = 3; repeated blocksizes = 4; hashType = 5; fanout = 6; mode = 7; mtime = 8 }`.
///
/// Only what a file needs is kept; directories and symlinks are recognised by type and refused by the exporter.
public struct UnixFSData: Hashable, Sendable {
    /// `Data.DataType`.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// Raw (0).
        public static let raw = Kind(rawValue: 0)
        /// Directory (1).
        public static let directory = Kind(rawValue: 1)
        /// File (2).
        public static let file = Kind(rawValue: 2)
        public var description: String {
            switch self {
            case .raw: "raw"
            case .directory: "directory"
            case .file: "file"
            default: "type \(rawValue)"
            }
        }
    }

    /// The node type.
    public var kind: Kind
    /// Bytes held in this node itself (before its children's).
    public var data: [UInt8]?
    /// The file size this node covers.
    public var fileSize: UInt64?
    /// The file size under each child link, in link order.
    public var blockSizes: [UInt64]

    /// Metadata of a file node.
    public init(kind: Kind, data: [UInt8]? = nil, fileSize: UInt64?, blockSizes: [UInt64]) {
        self.kind = kind
        self.data = data
        self.fileSize = fileSize
        self.blockSizes = blockSizes
    }

    /// The protobuf encoding (as go-unixfs: Type, [Data], filesize, blocksizes unpacked).
    public var encoded: [UInt8] {
        var writer = ProtobufWriter()
        writer.writeVarint(kind.rawValue, field: 1)
        if let data { writer.writeBytes(data, field: 2) }
        if let fileSize { writer.writeVarint(fileSize, field: 3) }
        for size in blockSizes { writer.writeVarint(size, field: 4) }
        return writer.bytes
    }

    /// Decodes UnixFS metadata.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/malformed`` for a malformed protobuf, a missing or repeated
    ///   type, or a field of the wrong wire type.
    public init(decoding bytes: [UInt8]) throws(CARError) {
        var kind: Kind?
        var data: [UInt8]?
        var fileSize: UInt64?
        var blockSizes: [UInt64] = []
        do {
            var reader = try ProtobufReader(bytes, maxLength: bytes.count)
            while let field = try reader.next() {
                switch (field.number, field.value) {
                case (1, .varint(let value)) where kind == nil: kind = Kind(rawValue: value)
                case (2, .bytes(let value)) where data == nil: data = value
                case (3, .varint(let value)) where fileSize == nil: fileSize = value
                case (4, .varint(let value)): blockSizes.append(value)
                case (5, .varint), (6, .varint), (7, .varint), (8, .bytes): continue  // directory and metadata fields
                default:
                    throw CARError(.malformed, "UnixFS: field \(field.number) is repeated or has the wrong wire type")
                }
            }
        } catch let error as CARError {
            throw error
        } catch {
            throw CARError(.malformed, "UnixFS: \(error)")
        }
        guard let kind else { throw CARError(.malformed, "UnixFS: no Type field") }
        self.init(kind: kind, data: data, fileSize: fileSize, blockSizes: blockSizes)
    }
}
