extension CID {
    /// Parses the binary CID at the start of `bytes` and says how many bytes it took; the bytes after it are
    /// left for the caller (a CAR section is a CID followed by the block).
    ///
    /// A CIDv0 is recognised by its first two bytes, `0x12 0x20` (a sha2-256 multihash), and is 34 bytes.
    ///
    /// - Throws: ``MultiformatsError``: ``MultiformatsError/Kind/truncated`` when `bytes` ends inside the CID,
    ///   ``MultiformatsError/Kind/unsupported`` for a version other than 0 or 1,
    ///   ``MultiformatsError/Kind/invalidValue`` for a digest of the wrong length for its hash.
    public static func prefix(of bytes: some Collection<UInt8>) throws(MultiformatsError) -> (cid: CID, length: Int) {
        var reader = ByteReader(bytes)
        if reader.remaining >= 2 && reader.bytes[0] == 0x12 && reader.bytes[1] == 0x20 {
            let hash = try Multihash(from: &reader)
            return (try CID(v0: hash), reader.offset)
        }
        let version = try reader.varint("CID version")
        guard version == 1 else {
            throw MultiformatsError(.unsupported, "CID: version \(version); expected 1 (or a CIDv0 starting 0x12 0x20)")
        }
        let codec = Codec(rawValue: try reader.varint("CID codec"))
        let multihash = try Multihash(from: &reader)
        return (CID(codec: codec, multihash: multihash), reader.offset)
    }
}
