import Multiformats

/// Turns a file into a UnixFS DAG and writes it as a CARv1, with Lotus's `client import` parameters: fixed
/// 1 MiB chunks as raw leaves, balanced layout with at most 1024 links per node, CIDv1 with sha2-256 (dag-pb
/// nodes `bafybei…`, leaves `bafkrei…`). The root is the data CID; a one-chunk file's root is its raw leaf, an
/// empty file's the raw block of no bytes.
///
/// Two passes, as Lotus makes them: the first reads the file and builds the tree (leaf CIDs and the encoded
/// inner nodes, about 40 bytes per MiB of file), the second writes the header with the root and every block
/// once in depth-first order (go-car's selective CAR order), re-reading each chunk and checking it still
/// hashes to its CID.
public struct UnixFSImporter: Sendable {
    /// Chunk size: 1 MiB (Lotus `UnixfsChunkSize`).
    public var chunkSize: Int
    /// Links per node: 1024 (Lotus `UnixfsLinksPerLevel`).
    public var maxLinks: Int

    /// An importer with Lotus's parameters unless told otherwise.
    public init(chunkSize: Int = 1 << 20, maxLinks: Int = 1024) {
        self.chunkSize = max(1, chunkSize)
        self.maxLinks = max(2, maxLinks)
    }

    /// The DAG of a file: its root and a tree to write out.
    public struct DAG: Sendable {
        /// The data CID.
        public let root: CID
        /// The file's size.
        public let fileSize: UInt64
        let tree: Entry
    }

    /// A node of the DAG as pass 1 leaves it.
    indirect enum Entry: Sendable {
        /// Chunk `index` of the file, as a raw block.
        case leaf(cid: CID, index: UInt64, size: Int)
        /// An inner dag-pb node.
        case node(cid: CID, bytes: [UInt8], children: [Entry])

        var cid: CID {
            switch self {
            case .leaf(let cid, _, _), .node(let cid, _, _): cid
            }
        }
    }

    /// Pass 1: reads `file` and builds its DAG; `progress` gets the bytes read so far.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading fails.
    public func buildDAG(of file: FileSource, progress: (UInt64) -> Void = { _ in }) throws(CARError) -> DAG {
        var builder = LayoutBuilder(maxLinks: maxLinks)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var index: UInt64 = 0
        var total: UInt64 = 0
        while true {
            var failure: CARError?
            let count = chunk.withUnsafeMutableBytes { raw -> Int in
                do throws(CARError) { return try file.readFully(into: raw) } catch { failure = error; return 0 }
            }
            if let failure { throw failure }
            if count == 0 && index > 0 { break }
            let data = chunk[0..<count]
            builder.add(leaf: .leaf(cid: CID(codec: .raw, multihash: .sha2_256(of: data)), index: index, size: count), fileSize: UInt64(count), totalSize: UInt64(count))
            index += 1
            total += UInt64(count)
            progress(total)
            if count < chunkSize { break }
        }
        let tree = builder.finish()
        return DAG(root: tree.cid, fileSize: total, tree: tree)
    }

    /// Pass 2: writes `dag` as a CARv1 to `writer`, reading the chunks again from `file`.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading or writing fails or a chunk no longer matches
    ///   (the file changed since pass 1).
    public func writeCAR(_ dag: DAG, from file: FileSource, to writer: inout CARWriter, progress: (UInt64) -> Void = { _ in }) throws(CARError) {
        try writer.writeHeader(CARHeader(roots: [dag.root]))
        var seen = Set<CID>()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var done: UInt64 = 0
        var stack: [Entry] = [dag.tree]
        while let entry = stack.popLast() {
            switch entry {
            case .node(let cid, let bytes, let children):
                if seen.insert(cid).inserted { try writer.writeBlock(cid: cid, data: bytes) }
                stack.append(contentsOf: children.reversed())
            case .leaf(let cid, let index, let size):
                done += UInt64(size)
                guard seen.insert(cid).inserted else { continue }
                let (offset, overflow) = index.multipliedReportingOverflow(by: UInt64(chunkSize))
                guard !overflow else { throw CARError(.io, "chunk \(index) is beyond any file offset") }
                var failure: CARError?
                let count = chunk.withUnsafeMutableBytes { raw -> Int in
                    do throws(CARError) { return try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<size])) } catch {
                        failure = error
                        return 0
                    }
                }
                if let failure { throw failure }
                let data = chunk[0..<count]
                guard count == size, Multihash.sha2_256(of: data) == cid.multihash else {
                    throw CARError(.io, "\(file.path) changed while it was imported (chunk \(index) at offset \(offset) differs)")
                }
                try writer.writeBlock(cid: cid, data: data)
                progress(done)
            }
        }
    }

    /// Both passes: the DAG of the file at `path` written as a CARv1 to `writer`; returns the data CID.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading or writing fails.
    public func importFile(at path: String, to writer: inout CARWriter, progress: (UInt64) -> Void = { _ in }) throws(CARError) -> DAG {
        let file = try FileSource(path: path)
        let dag = try buildDAG(of: file, progress: progress)
        try writeCAR(dag, from: file, to: &writer, progress: progress)
        return dag
    }
}
