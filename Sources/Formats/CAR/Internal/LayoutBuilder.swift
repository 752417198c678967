import Multiformats

/// The balanced layout, streamed: `levels[0]` collects leaves, `levels[k]` nodes of depth k; a level that
/// reaches `maxLinks` entries becomes one node a level up. At the end the partial levels are closed bottom-up
/// up to the height the leaf count needs, which gives go-unixfs's shape (a right edge of single-child nodes
/// included).
struct LayoutBuilder {
    struct Pending {
        var entry: UnixFSImporter.Entry
        var fileSize: UInt64
        var totalSize: UInt64
    }

    let maxLinks: Int
    var levels: [[Pending]] = [[]]
    var leafCount: UInt64 = 0

    init(maxLinks: Int) {
        self.maxLinks = maxLinks
    }

    mutating func add(leaf: UnixFSImporter.Entry, fileSize: UInt64, totalSize: UInt64) {
        leafCount += 1
        append(Pending(entry: leaf, fileSize: fileSize, totalSize: totalSize), level: 0)
    }

    private mutating func append(_ pending: Pending, level: Int) {
        if level == levels.count { levels.append([]) }
        levels[level].append(pending)
        if levels[level].count == maxLinks {
            let full = levels[level]
            levels[level] = []
            append(Self.node(of: full), level: level + 1)
        }
    }

    mutating func finish() -> UnixFSImporter.Entry {
        guard leafCount > 1 else { return levels[0].first?.entry ?? Self.emptyLeaf }
        // Height: the smallest d with maxLinks^d >= leafCount.
        var height = 1
        var capacity = UInt64(maxLinks)
        while capacity < leafCount {
            height += 1
            capacity = capacity.multipliedReportingOverflow(by: UInt64(maxLinks)).overflow ? .max : capacity * UInt64(maxLinks)
        }
        for level in 0..<height where level < levels.count && !levels[level].isEmpty {
            let node = Self.node(of: levels[level])
            levels[level] = []
            if level + 1 == levels.count { levels.append([]) }
            levels[level + 1].append(node)
        }
        return levels[height][0].entry
    }

    static let emptyLeaf = UnixFSImporter.Entry.leaf(cid: CID(codec: .raw, multihash: .sha2_256(of: [UInt8]())), index: 0, size: 0)

    /// A dag-pb file node over `children`.
    static func node(of children: [Pending]) -> Pending {
        let fileSize = children.reduce(0) { $0 + $1.fileSize }
        let meta = UnixFSData(kind: .file, fileSize: fileSize, blockSizes: children.map(\.fileSize))
        let links = children.map { DAGPBNode.Link(cid: $0.entry.cid, name: "", totalSize: $0.totalSize) }
        let bytes = DAGPBNode(links: links, data: meta.encoded).encoded
        let cid = CID(codec: .dagPB, multihash: .sha2_256(of: bytes))
        let totalSize = children.reduce(UInt64(bytes.count)) { $0 + $1.totalSize }
        return Pending(entry: .node(cid: cid, bytes: bytes, children: children.map(\.entry)), fileSize: fileSize, totalSize: totalSize)
    }
}
