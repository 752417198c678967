import Multiformats

/// Writes a CARv1: `varint(len) header`, then one section per block, `varint(len(cid) + len(block)) cid block`.
///
/// The writer does not check that blocks match their CIDs or that every CID is written once; the importer
/// (``UnixFSImporter``) writes each block once, as go-car's selective CAR does.
public struct CARWriter {
    /// Where the bytes go.
    private let emit: (ArraySlice<UInt8>) throws(CARError) -> Void
    /// Bytes written so far.
    public private(set) var byteCount: UInt64 = 0

    /// A writer handing its bytes to `emit` (a file, a buffer, a hasher).
    public init(emit: @escaping (ArraySlice<UInt8>) throws(CARError) -> Void) {
        self.emit = emit
    }

    /// Writes the header; call once, first.
    ///
    /// - Throws: whatever `emit` throws.
    public mutating func writeHeader(_ header: CARHeader) throws(CARError) {
        let encoded = header.encoded
        var out: [UInt8] = []
        Varint.append(UInt64(encoded.count), to: &out)
        out += encoded
        try write(out[...])
    }

    /// Writes one block section.
    ///
    /// - Throws: whatever `emit` throws.
    public mutating func writeBlock(cid: CID, data: some Collection<UInt8>) throws(CARError) {
        let cidBytes = cid.bytes
        var out: [UInt8] = []
        out.reserveCapacity(cidBytes.count + data.count + 10)
        Varint.append(UInt64(cidBytes.count + data.count), to: &out)
        out += cidBytes
        out.append(contentsOf: data)
        try write(out[...])
    }

    private mutating func write(_ bytes: ArraySlice<UInt8>) throws(CARError) {
        try emit(bytes)
        byteCount += UInt64(bytes.count)
    }

    /// A whole CAR in memory: the header with `roots`, then `blocks` in order.
    public static func encode(roots: [CID], blocks: [(cid: CID, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var writer = CARWriter { (bytes: ArraySlice<UInt8>) throws(CARError) in out += bytes }
        // Appending to memory cannot fail.
        try? writer.writeHeader(CARHeader(roots: roots))
        for block in blocks { try? writer.writeBlock(cid: block.cid, data: block.data) }
        return out
    }
}
