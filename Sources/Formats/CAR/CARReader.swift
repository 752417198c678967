import Multiformats

/// Reads a CARv1 section by section, checking every block against its CID.
///
/// Sizes come from the input, so they are bounded: a header or section over ``maxSectionSize`` (32 MiB, as
/// go-car) is refused before anything is allocated for it. Blocks hashed with sha2-256, blake2b-256 or identity
/// are verified; other hash functions are refused (``CARError/Code/unsupported``), since such a block could not
/// be checked.
///
/// ```swift
/// var reader = try CARReader(FileSource(path: "data.car"))
/// print(reader.header.roots)
/// while let block = try reader.next() { … }
/// ```
public struct CARReader<Source: ByteSource> {
    /// Largest header or section accepted: 32 MiB.
    public static var maxSectionSize: Int { 32 << 20 }

    /// The header.
    public private(set) var header: CARHeader
    /// Bytes consumed so far.
    public private(set) var offset: UInt64 = 0

    private var source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Where reads land before they join `buffer`, allocated on the first read.
    private var scratch: [UInt8] = []
    private static var readSize: Int { 64 << 10 }

    /// Opens a CAR and reads its header.
    ///
    /// - Throws: ``CARError``: ``CARError/Code/truncated`` for an input that ends inside the header,
    ///   ``CARError/Code/malformed`` or ``CARError/Code/unsupported`` for a bad header.
    public init(_ source: Source) throws(CARError) {
        self.source = source
        header = CARHeader(roots: [])
        guard let length = try readLength(what: "CAR header") else {
            throw CARError(.truncated, "empty input: a CAR starts with its header")
        }
        guard length > 0 else { throw CARError(.malformed, "CAR header length is zero") }
        header = try CARHeader(decoding: take(length, what: "CAR header"))
    }

    /// The next block, or nil at the end of the CAR.
    ///
    /// - Throws: ``CARError``: ``CARError/Code/truncated`` for a section cut short,
    ///   ``CARError/Code/malformed`` for a bad length or CID, ``CARError/Code/hashMismatch`` for a block whose
    ///   bytes do not match its CID, ``CARError/Code/tooLarge`` for a section over ``maxSectionSize``.
    public mutating func next() throws(CARError) -> CARBlock? {
        let sectionOffset = offset
        guard let length = try readLength(what: "CAR section at offset \(sectionOffset)") else { return nil }
        guard length > 0 else { throw CARError(.malformed, "CAR section at offset \(sectionOffset) has length zero") }
        let section = try take(length, what: "CAR section at offset \(sectionOffset)")
        let cid: CID
        let cidLength: Int
        do throws(MultiformatsError) {
            (cid, cidLength) = try CID.prefix(of: section)
        } catch {
            throw CARError(.malformed, "CAR section at offset \(sectionOffset): CID: \(error.message)")
        }
        let data = Array(section[cidLength...])
        try Self.verify(cid: cid, data: data, at: sectionOffset)
        return CARBlock(cid: cid, data: data, dataOffset: offset - UInt64(data.count))
    }

    /// Checks that `data` hashes to `cid`'s multihash.
    static func verify(cid: CID, data: [UInt8], at sectionOffset: UInt64) throws(CARError) {
        let computed: Multihash
        switch cid.multihash.code {
        case .sha2_256: computed = .sha2_256(of: data)
        case .blake2b_256: computed = .blake2b256(of: data)
        case .identity: computed = .identity(data)
        default:
            throw CARError(.unsupported, "block \(cid) at offset \(sectionOffset) uses hash \(cid.multihash.code), which this reader cannot verify")
        }
        guard computed == cid.multihash else {
            throw CARError(.hashMismatch, "block at offset \(sectionOffset) does not match its CID \(cid) (its bytes hash to \(computed))")
        }
    }

    /// Reads a section length varint; nil at a clean end of input.
    private mutating func readLength(what: String) throws(CARError) -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var count = 0
        while true {
            guard try fill(1) else {
                if count == 0 { return nil }
                throw CARError(.truncated, "\(what): input ends inside its length varint")
            }
            let byte = buffer[start]
            start += 1
            offset += 1
            count += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                guard byte != 0 || count == 1 else { throw CARError(.malformed, "\(what): length varint is not minimal") }
                break
            }
            guard count < 9 else { throw CARError(.malformed, "\(what): length varint longer than 9 bytes") }
            shift += 7
        }
        guard value <= UInt64(Self.maxSectionSize) else {
            throw CARError(.tooLarge, "\(what): length \(value) exceeds the \(Self.maxSectionSize)-byte limit")
        }
        return Int(value)
    }

    /// The next `count` bytes.
    private mutating func take(_ count: Int, what: String) throws(CARError) -> [UInt8] {
        guard try fill(count) else {
            throw CARError(.truncated, "\(what): needs \(count) bytes but the input ends after \(buffer.count - start)")
        }
        defer {
            start += count
            offset += UInt64(count)
        }
        return Array(buffer[start..<(start + count)])
    }

    /// Makes at least `count` unread bytes available; false if the input ends first.
    private mutating func fill(_ count: Int) throws(CARError) -> Bool {
        if buffer.count - start >= count { return true }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: Self.readSize) }
        while buffer.count < count && !atEnd {
            var failure: CARError?
            var reading = source
            let read = scratch.withUnsafeMutableBytes { raw -> Int in
                do throws(CARError) {
                    return try reading.read(into: raw)
                } catch {
                    failure = error
                    return 0
                }
            }
            source = reading
            if let failure { throw failure }
            if read == 0 { atEnd = true }
            buffer.append(contentsOf: scratch[0..<read])
        }
        return buffer.count >= count
    }
}
