import Multiformats

/// Where each block of a CAR file is, found by reading the file once (and checking every block); blocks are
/// then read back on demand, so a large CAR is exported in bounded memory.
public final class CARIndex {
    /// The CAR's header.
    public let header: CARHeader
    /// How many distinct blocks the CAR holds.
    public var blockCount: Int { locations.count }

    private let file: FileSource
    private var locations: [CID: (offset: UInt64, length: Int)] = [:]

    /// Reads and indexes the CAR at `path`.
    ///
    /// - Throws: ``CARError`` for an unreadable, truncated or malformed CAR, or a block that does not match its CID.
    public init(path: String) throws(CARError) {
        file = try FileSource(path: path)
        var reader = try CARReader(try FileSource(path: path))
        header = reader.header
        while let block = try reader.next() {
            if locations[block.cid] == nil { locations[block.cid] = (block.dataOffset, block.data.count) }
        }
    }

    /// A block's bytes, checked again against its CID (the file may have changed since it was indexed).
    ///
    /// - Throws: ``CARError`` when reading fails or the bytes no longer match.
    public func block(_ cid: CID) throws(CARError) -> [UInt8]? {
        guard let location = locations[cid] else { return nil }
        var bytes = [UInt8](repeating: 0, count: location.length)
        var failure: CARError?
        let count = bytes.withUnsafeMutableBytes { raw -> Int in
            do throws(CARError) { return try file.read(at: location.offset, into: raw) } catch { failure = error; return 0 }
        }
        if let failure { throw failure }
        guard count == location.length else { throw CARError(.truncated, "\(file.path) is shorter than when it was indexed") }
        try CARReader<FileSource>.verify(cid: cid, data: bytes, at: location.offset)
        return bytes
    }

    /// An exporter reading this CAR's blocks.
    public func exporter(limit: UInt64 = .max) -> UnixFSExporter {
        UnixFSExporter(limit: limit) { (cid: CID) throws(CARError) in try self.block(cid) }
    }
}
