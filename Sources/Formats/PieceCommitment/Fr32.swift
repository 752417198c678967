/// Fr32 padding: every 254 bits of payload (read as a little-endian bit stream) become one 32-byte field element
/// with two zero top bits, so 127 payload bytes become 128 padded bytes (four tree leaves).
public enum Fr32 {
    /// Pads `payload`, whose length must be a multiple of 127.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` otherwise.
    public static func pad(_ payload: [UInt8]) throws(PieceCommitmentError) -> [UInt8] {
        guard payload.count % 127 == 0 else {
            throw PieceCommitmentError(.invalidSize, "Fr32 pads whole 127-byte blocks; got \(payload.count) bytes")
        }
        let quads = payload.count / 127
        // Every output byte is written by the pad, so the array is not zero-filled first (a memset of the whole output).
        return payload.withUnsafeBytes { input in
            [UInt8](unsafeUninitializedCapacity: quads * 128) { output, initialized in
                TreeHasher.fr32Pad(input, UnsafeMutableRawBufferPointer(output), quads: quads)
                initialized = quads * 128
            }
        }
    }

    /// Removes the padding from `padded`, whose length must be a multiple of 128.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` otherwise.
    public static func unpad(_ padded: [UInt8]) throws(PieceCommitmentError) -> [UInt8] {
        guard padded.count % 128 == 0 else {
            throw PieceCommitmentError(.invalidSize, "Fr32 unpads whole 128-byte blocks; got \(padded.count) bytes")
        }
        let quads = padded.count / 128
        // Every output byte is written by the unpad, so the array is not zero-filled first.
        return padded.withUnsafeBytes { input in
            [UInt8](unsafeUninitializedCapacity: quads * 127) { output, initialized in
                TreeHasher.fr32Unpad(input, UnsafeMutableRawBufferPointer(output), quads: quads)
                initialized = quads * 127
            }
        }
    }

    /// Removes the padding from the first `quads` 128-byte blocks of `bytes` in place: the unpadded `127 × quads`
    /// bytes end up at the front and the array is cut to them, with no second buffer. (Each block is read whole
    /// before its 127 bytes are stored, at or below where it was read.)
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` when `bytes` holds fewer than
    ///   `quads` blocks.
    public static func unpadInPlace(_ bytes: inout [UInt8], quads: Int) throws(PieceCommitmentError) {
        guard quads >= 0, quads <= bytes.count / 128 else {
            throw PieceCommitmentError(.invalidSize, "Fr32 unpads whole 128-byte blocks; \(bytes.count) bytes hold no \(quads)")
        }
        bytes.withUnsafeMutableBytes { buffer in TreeHasher.fr32UnpadInPlace(buffer, quads: quads) }
        bytes.removeLast(bytes.count - quads * 127)
    }
}
