/// Finds where one CBOR item ends in the bytes read so far from a stream.
///
/// go-fil-markets writes each storage-market message as one raw CBOR item with no length prefix
/// (`cborutil.WriteCborRPC`), and its reader decodes straight off the stream. A reader here buffers what has
/// arrived, asks ``firstItemLength(_:maxDepth:maxItemBytes:)`` whether a whole item is there, and then decodes
/// exactly those bytes:
///
/// ```swift
/// if let length = try CBORFraming.firstItemLength(buffer) {
///     let response = try SignedDealResponse.decode(Array(buffer.prefix(length)))
///     buffer.removeFirst(length)
/// }   // nil: read more bytes
/// ```
///
/// The check is structural only (heads, lengths, nesting): it accepts any well-formed definite-length CBOR,
/// including heads that are not in the shortest form and floats, and leaves the strict rules to the decoder.
public enum CBORFraming {
    /// The default ``firstItemLength(_:maxDepth:maxItemBytes:)`` limit: 1 MiB, far above any storage-market
    /// message (cbor-gen caps strings at 8 KiB and the largest field, a signature, at 200 bytes).
    public static let defaultMaxItemBytes = 1 << 20

    /// The byte length of the first complete CBOR item in `bytes`, or `nil` when more bytes are needed.
    ///
    /// - Parameters:
    ///   - bytes: what has been read so far; bytes after the first item are not looked at.
    ///   - maxDepth: how deeply arrays, maps and tags may nest (values below 0 count as 0).
    ///   - maxItemBytes: the largest item accepted (values below 1 count as 1).
    /// - Throws: ``WireFormatError`` for reserved additional info (28–30), an indefinite length or a stray
    ///   "break" (31), nesting deeper than `maxDepth`, or an item that is, or declares a length or item count
    ///   making it, longer than `maxItemBytes` — also when `bytes` already holds `maxItemBytes` bytes and no
    ///   complete item.
    public static func firstItemLength(
        _ bytes: ArraySlice<UInt8>, maxDepth: Int = 64, maxItemBytes: Int = defaultMaxItemBytes
    ) throws(WireFormatError) -> Int? {
        let limit = max(maxItemBytes, 1)
        let depthLimit = max(maxDepth, 0)
        let start = bytes.startIndex
        let end = bytes.endIndex
        var position = start
        // Items still to read at each open level; the first entry is the top-level item itself.
        var pending: [Int] = [1]

        func incomplete() throws(WireFormatError) -> Int? {
            guard end - start < limit else {
                throw WireFormatError("CBOR item is longer than the \(limit)-byte limit")
            }
            return nil
        }

        while true {
            while let last = pending.last, last == 0 { pending.removeLast() }
            guard !pending.isEmpty else { return position - start }
            pending[pending.count - 1] -= 1

            guard position < end else { return try incomplete() }
            let offset = position - start
            let initial = bytes[position]
            let major = initial >> 5
            let info = initial & 0x1F
            var argument: UInt64
            switch info {
            case 0..<24:
                argument = UInt64(info)
                position += 1
            case 24...27:
                let size = 1 << Int(info - 24)
                guard end - position > size else { return try incomplete() }
                argument = 0
                for index in 1...size { argument = argument << 8 | UInt64(bytes[position + index]) }
                position += 1 + size
            case 31 where major == 7:
                throw WireFormatError("CBOR at byte \(offset): a \"break\" outside an indefinite-length item")
            case 31:
                throw WireFormatError("CBOR at byte \(offset): indefinite lengths are not supported")
            default:
                throw WireFormatError("CBOR at byte \(offset): reserved additional info \(info)")
            }

            // What is left of the limit once this head is read; every string byte and container entry takes one.
            let room = limit - (position - start)
            guard room >= 0 else { throw WireFormatError("CBOR item is longer than the \(limit)-byte limit") }
            let children: Int
            switch major {
            case 2, 3:
                guard argument <= UInt64(room) else {
                    throw WireFormatError("CBOR at byte \(offset): a string of \(argument) bytes takes the item past the \(limit)-byte limit")
                }
                let length = Int(truncatingIfNeeded: argument)
                guard end - position >= length else { return try incomplete() }
                position += length
                children = 0
            case 4, 5:
                let perEntry: UInt64 = major == 4 ? 1 : 2
                guard argument <= UInt64(room) / perEntry else {
                    throw WireFormatError("CBOR at byte \(offset): \(argument) entries take the item past the \(limit)-byte limit")
                }
                children = Int(truncatingIfNeeded: argument * perEntry)
            case 6:
                children = 1
            default:
                children = 0
            }
            if major >= 4 && major <= 6 {
                guard pending.count - 1 < depthLimit else {
                    throw WireFormatError("CBOR at byte \(offset): items nest deeper than \(depthLimit) levels")
                }
                if children > 0 { pending.append(children) }
            }
        }
    }

    /// ``firstItemLength(_:maxDepth:maxItemBytes:)`` over a whole array.
    public static func firstItemLength(
        _ bytes: [UInt8], maxDepth: Int = 64, maxItemBytes: Int = defaultMaxItemBytes
    ) throws(WireFormatError) -> Int? {
        try firstItemLength(bytes[...], maxDepth: maxDepth, maxItemBytes: maxItemBytes)
    }
}
