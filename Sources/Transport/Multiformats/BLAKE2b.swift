/// BLAKE2b (RFC 7693), with the digest-length parameter and an optional key.
///
/// The digest length is a parameter of the hash, not a truncation: BLAKE2b-160 (Filecoin address payloads)
/// and BLAKE2b-32 (address checksums) differ from the first bytes of BLAKE2b-512. Filecoin message and block
/// CIDs use BLAKE2b-256.
///
/// ```swift
/// BLAKE2b.hash(Array("abc".utf8), digestLength: 20)  // 384264f676f39536840523f284921cdc68b6846b
///
/// var hasher = BLAKE2b(digestLength: 32)
/// hasher.update(header)
/// hasher.update(body)
/// let digest = hasher.finalize()
/// ```
public struct BLAKE2b: Sendable {
    /// Size of one compressed block, in bytes.
    public static let blockSize = 128
    /// Largest digest, in bytes (BLAKE2b-512).
    public static let maxDigestLength = 64
    /// Largest key, in bytes.
    public static let maxKeyLength = 64

    /// Length of the digest ``finalize()`` returns, in bytes (1...64).
    public let digestLength: Int
    /// Chaining value and byte counter.
    private var state: State
    /// Bytes not yet compressed: 0...128 of them. A full block is kept back until more input arrives, because
    /// the last block is compressed with the final flag set.
    private var pending: [UInt8]

    /// A hasher producing `digestLength` bytes, keyed with `key` (empty for plain hashing).
    ///
    /// - Precondition: `digestLength` is in 1...64 and `key` has at most 64 bytes. Both are chosen by the
    ///   program, never read from input.
    public init(digestLength: Int = 64, key: [UInt8] = []) {
        precondition(
            (1...Self.maxDigestLength).contains(digestLength),
            "BLAKE2b digest length must be 1...64 bytes, got \(digestLength)")
        precondition(key.count <= Self.maxKeyLength, "BLAKE2b key must be at most 64 bytes, got \(key.count)")
        self.digestLength = digestLength
        state = State(digestLength: digestLength, keyLength: key.count)
        pending = []
        pending.reserveCapacity(Self.blockSize)
        if !key.isEmpty {
            pending.append(contentsOf: key)
            pending.append(contentsOf: repeatElement(0, count: Self.blockSize - key.count))
        }
    }

    /// The `digestLength`-byte BLAKE2b digest of `bytes`, keyed with `key` (empty for plain hashing).
    ///
    /// - Precondition: as for ``init(digestLength:key:)``.
    public static func hash(
        _ bytes: some Collection<UInt8>, digestLength: Int, key: [UInt8] = []
    ) -> [UInt8] {
        var hasher = BLAKE2b(digestLength: digestLength, key: key)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Feeds the bytes of `input` into the hash.
    public mutating func update(_ input: UnsafeRawBufferPointer) {
        guard let base = input.baseAddress, input.count > 0 else { return }
        let count = input.count
        var offset = 0
        if !pending.isEmpty {
            let take = min(Self.blockSize - pending.count, count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
            offset = take
            if offset == count { return }
            // The pending block is full and more input follows, so it is not the last block.
            state.count(Self.blockSize)
            pending.withUnsafeBytes { state.compress($0.baseAddress!, final: false) }
            pending.removeAll(keepingCapacity: true)
        }
        while count - offset > Self.blockSize {
            state.count(Self.blockSize)
            state.compress(base + offset, final: false)
            offset += Self.blockSize
        }
        pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: count - offset))
    }

    /// The digest of everything fed so far. The hasher itself is not changed, so more input may follow.
    public func finalize() -> [UInt8] {
        var state = self.state
        var block = pending
        state.count(block.count)
        block.append(contentsOf: repeatElement(0, count: Self.blockSize - block.count))
        block.withUnsafeBytes { state.compress($0.baseAddress!, final: true) }
        return state.digest(length: digestLength)
    }
}

extension BLAKE2b {
    /// The initialization vector, the same as SHA-512's.
    static let iv: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
    )

    /// The chaining value `h` and the 128-bit byte counter `t` of RFC 7693 §3.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt64
        var t0: UInt64 = 0
        var t1: UInt64 = 0

        /// The parameter block of RFC 7693 §2.5 (fan-out 1, depth 1, no salt or personalization) mixed into IV.
        init(digestLength: Int, keyLength: Int) {
            (h0, h1, h2, h3, h4, h5, h6, h7) = BLAKE2b.iv
            h0 ^= 0x0101_0000 ^ (UInt64(keyLength) << 8) ^ UInt64(digestLength)
        }

        /// Adds `bytes` to the 128-bit counter.
        @inline(__always)
        mutating func count(_ bytes: Int) {
            let (sum, overflow) = t0.addingReportingOverflow(UInt64(bytes))
            t0 = sum
            if overflow { t1 &+= 1 }
        }

        /// The first `length` bytes of `h0…h7` in little-endian order.
        func digest(length: Int) -> [UInt8] {
            let words = [h0, h1, h2, h3, h4, h5, h6, h7]
            return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                for index in 0..<length {
                    buffer[index] = UInt8(truncatingIfNeeded: words[index >> 3] >> UInt64((index & 7) * 8))
                }
                initialized = length
            }
        }
    }
}
