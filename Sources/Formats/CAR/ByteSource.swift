/// Where a ``CARReader`` reads from: a file (``FileSource``) or bytes in memory (``MemorySource``).
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 only at the end of the input.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/io`` when reading fails.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CARError) -> Int
}

/// Bytes in memory as a ``ByteSource``.
public struct MemorySource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CARError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        buffer.copyBytes(from: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}
