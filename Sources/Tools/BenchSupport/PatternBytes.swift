/// A xorshift64 byte stream of a fixed length, in 1 MiB chunks: a benchmark's payload, made as it is sent, the same
/// for the same seed.
public struct PatternBytes {
    var remaining: UInt64
    var state: UInt64

    public init(size: UInt64, seed: UInt64) {
        remaining = size
        state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    }

    public mutating func next() -> [UInt8]? {
        guard remaining > 0 else { return nil }
        let count = Int(min(remaining, 1 << 20))
        remaining -= UInt64(count)
        var chunk = [UInt8](repeating: 0, count: count)
        chunk.withUnsafeMutableBytes { bytes in
            var index = 0
            while index < count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                var word = state
                for _ in 0..<8 where index < count {
                    bytes[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
        }
        return chunk
    }
}
