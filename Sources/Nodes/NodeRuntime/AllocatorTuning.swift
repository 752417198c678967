#if canImport(Glibc)
import CMalloc
#endif

/// glibc allocator settings for a node process, applied once at start.
///
/// A node streams large bodies — pieces, sector ranges — in 1 MiB chunks, three buffers of which are alive at a time
/// (the file read, the unpadded copy, the socket write). With glibc's defaults such a buffer is `mmap`ed or, once the
/// dynamic threshold has risen, taken from the top of a heap that is trimmed back as soon as more than 2 MiB are free:
/// either way every chunk faults its pages in and zeroes them again. Measured with `perf` while `/piece` served a
/// 1 GiB piece: page faults, page clearing and unmapping took about a tenth of the node's CPU. Here buffers up to
/// 4 MiB come from the heap and up to 16 MiB of free memory at a heap's top is kept for reuse, so the chunks recycle
/// the same pages; larger buffers are still mapped and returned at once. The cost is that much unused memory per
/// heap in use (measured: an idle markets node of 79–188 MiB with 64 MiB kept, ~50–120 MiB with the defaults).
enum AllocatorTuning {
    /// Largest allocation served from the heap rather than a mapping of its own.
    static let mmapThreshold: Int32 = 4 << 20
    /// Free memory at a heap's top kept rather than returned to the kernel.
    static let trimThreshold: Int32 = 16 << 20

    /// Applies the settings (no-op where the C library is not glibc).
    static func apply() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        #endif
    }
}
