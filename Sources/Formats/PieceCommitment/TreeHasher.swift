import CSHA256

/// The C hot loops behind the tree: SHA-NI when this CPU has it, portable C otherwise.
enum TreeHasher {
    /// Replaces `pairs` pairs of 32-byte nodes at the start of `input` by their parents at the start of `output`
    /// (which may be the same memory: a level is reduced in place).
    static func hashPairs(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, pairs: Int) {
        precondition(pairs >= 0 && input.count >= 64 * pairs && output.count >= 32 * pairs, "tree buffer too small")
        guard pairs > 0, let source = input.baseAddress, let target = output.baseAddress else { return }
        lotus_sha256_trunc254_pairs(source.assumingMemoryBound(to: UInt8.self), target.assumingMemoryBound(to: UInt8.self), pairs)
    }

    /// Fr32-expands `quads` 127-byte blocks at the start of `input` into 128-byte blocks at the start of `output`.
    static func fr32Pad(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, quads: Int) {
        precondition(quads >= 0 && input.count >= 127 * quads && output.count >= 128 * quads, "Fr32 buffer too small")
        guard quads > 0, let source = input.baseAddress, let target = output.baseAddress else { return }
        lotus_fr32_pad(source.assumingMemoryBound(to: UInt8.self), target.assumingMemoryBound(to: UInt8.self), quads)
    }

    /// The inverse of ``fr32Pad(_:_:quads:)``.
    static func fr32Unpad(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, quads: Int) {
        precondition(quads >= 0 && input.count >= 128 * quads && output.count >= 127 * quads, "Fr32 buffer too small")
        guard quads > 0, let source = input.baseAddress, let target = output.baseAddress else { return }
        lotus_fr32_unpad(source.assumingMemoryBound(to: UInt8.self), target.assumingMemoryBound(to: UInt8.self), quads)
    }

    /// ``fr32Unpad(_:_:quads:)`` with the output over the input (`lotus_fr32_unpad` allows it).
    static func fr32UnpadInPlace(_ buffer: UnsafeMutableRawBufferPointer, quads: Int) {
        precondition(quads >= 0 && buffer.count >= 128 * quads, "Fr32 buffer too small")
        guard quads > 0, let base = buffer.baseAddress else { return }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        lotus_fr32_unpad(bytes, bytes, quads)
    }

    /// Whether the SHA extensions are in use.
    static var usesSHAExtensions: Bool { lotus_sha256_uses_sha_ni() != 0 }
}
