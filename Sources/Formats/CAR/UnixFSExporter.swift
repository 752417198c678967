import Multiformats

/// Reassembles a UnixFS file from its DAG: raw leaves and dag-pb file nodes, children in link order.
///
/// Every node is checked as it is read: a dag-pb node must carry UnixFS file (or raw) metadata with one
/// block size per link, each child must produce exactly the bytes its block size claims, and the node's
/// `filesize` must equal what it produced. Directories, symlinks, other codecs, missing blocks, DAGs deeper
/// than ``maxDepth`` and output beyond the caller's limit are refused with a ``CARError``.
public struct UnixFSExporter {
    /// Deepest DAG accepted: 1024^16 chunks is beyond any file, so deeper is hostile.
    public static let maxDepth = 16
    /// Default bound on blocks visited for one file (a 16 TiB file of 1 MiB chunks): a DAG that links the same
    /// small nodes over and over could otherwise keep the exporter walking without producing bytes.
    public static let defaultMaxVisits = 1 << 24

    /// Returns a block's bytes by CID, or nil when the store does not have it.
    public typealias BlockGetter = (CID) throws(CARError) -> [UInt8]?

    private let getBlock: BlockGetter
    private let limit: UInt64
    private let maxVisits: Int

    /// An exporter reading blocks through `getBlock`, refusing to produce more than `limit` bytes or to visit
    /// more than `maxVisits` blocks.
    public init(limit: UInt64 = .max, maxVisits: Int = UnixFSExporter.defaultMaxVisits, getBlock: @escaping BlockGetter) {
        self.getBlock = getBlock
        self.limit = limit
        self.maxVisits = maxVisits
    }

    /// Writes the file under `root` to `output`; returns its size.
    ///
    /// - Throws: ``CARError`` as described on the type, or whatever `output` throws.
    public func export(root: CID, to output: (ArraySlice<UInt8>) throws(CARError) -> Void) throws(CARError) -> UInt64 {
        var written: UInt64 = 0
        var visits = 0
        try visit(root, depth: 0, written: &written, visits: &visits, output: output)
        return written
    }

    /// The whole file under `root` in memory.
    ///
    /// - Throws: ``CARError`` as described on the type.
    public func exportBytes(root: CID) throws(CARError) -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try export(root: root) { (chunk: ArraySlice<UInt8>) throws(CARError) in bytes += chunk }
        return bytes
    }

    private func visit(
        _ cid: CID, depth: Int, written: inout UInt64, visits: inout Int, output: (ArraySlice<UInt8>) throws(CARError) -> Void
    ) throws(CARError) {
        guard depth <= Self.maxDepth else { throw CARError(.tooLarge, "UnixFS DAG is deeper than \(Self.maxDepth) levels at \(cid)") }
        visits += 1
        guard visits <= maxVisits else { throw CARError(.tooLarge, "UnixFS DAG links more than \(maxVisits) blocks") }
        guard let block = try getBlock(cid) else { throw CARError(.missingBlock, "block \(cid) is not in the CAR") }
        switch cid.codec {
        case .raw:
            try emit(block[...], written: &written, output: output)
        case .dagPB:
            let node = try DAGPBNode(decoding: block)
            guard let data = node.data else { throw CARError(.malformed, "dag-pb node \(cid) has no UnixFS data") }
            let meta = try UnixFSData(decoding: data)
            guard meta.kind == .file || meta.kind == .raw else {
                throw CARError(.unsupported, "UnixFS node \(cid) is a \(meta.kind); only files can be exported")
            }
            guard meta.blockSizes.count == node.links.count else {
                throw CARError(.malformed, "UnixFS node \(cid) has \(node.links.count) links but \(meta.blockSizes.count) block sizes")
            }
            let start = written
            if let inline = meta.data { try emit(inline[...], written: &written, output: output) }
            for (link, expected) in zip(node.links, meta.blockSizes) {
                let before = written
                try visit(link.cid, depth: depth + 1, written: &written, visits: &visits, output: output)
                guard written - before == expected else {
                    throw CARError(.malformed, "UnixFS node \(cid): child \(link.cid) holds \(written - before) bytes, its block size says \(expected)")
                }
            }
            if let fileSize = meta.fileSize, written - start != fileSize {
                throw CARError(.malformed, "UnixFS node \(cid): filesize says \(fileSize) bytes, its data and children hold \(written - start)")
            }
        default:
            throw CARError(.unsupported, "block \(cid) has codec \(cid.codec); a UnixFS file has only raw and dag-pb blocks")
        }
    }

    private func emit(_ bytes: ArraySlice<UInt8>, written: inout UInt64, output: (ArraySlice<UInt8>) throws(CARError) -> Void) throws(CARError) {
        let (total, overflow) = written.addingReportingOverflow(UInt64(bytes.count))
        guard !overflow, total <= limit else { throw CARError(.tooLarge, "the file would exceed \(limit) bytes") }
        try output(bytes)
        written = total
    }
}
