import Dispatch

/// Computes a piece commitment over a byte stream of any length, reading it once, in bounded memory.
///
/// The payload is cut into chunks of 127 × 8192 bytes (1 MiB padded, 32768 leaves). Each chunk is Fr32-padded
/// into a leaf buffer and reduced in place to its subtree root; roots wait on a stack with one slot per level
/// above the chunk level (a binary counter), so a 64 GiB piece needs the staging and leaf buffers
/// (2 MiB per worker) and at most 21 pending nodes. With `parallelism` > 1, that many chunks are hashed at once.
/// The tail is zero-padded to whole 127-byte blocks, and the rest of the tree up to the padded size is filled
/// with ``ZeroCommitments``.
///
/// ```swift
/// let builder = CommPBuilder()
/// try builder.update(bytes)
/// let piece = try builder.finish()   // piece.cid: baga6ea4seaq…
/// ```
public final class CommPBuilder {
    /// Payload bytes per chunk: 127 × 8192.
    public static let chunkPayload = 127 << 13
    /// Leaves per chunk as a power of two: 2^15 leaves of 32 bytes.
    static let chunkLevel = 15
    static let chunkPadded = 128 << 13

    /// How many chunks are hashed at once.
    public let parallelism: Int
    /// Payload bytes received so far.
    public private(set) var payloadSize: UInt64 = 0

    private let staging: UnsafeMutableRawBufferPointer
    private let leaves: UnsafeMutableRawBufferPointer
    private var staged = 0
    /// pending[j]: a finished subtree root at level chunkLevel + j waiting for its right sibling.
    private var pending: [Commitment?] = []
    private var chunksDone: UInt64 = 0
    private var finished = false

    /// A builder hashing `parallelism` chunks at once (1 to 64).
    public init(parallelism: Int = 1) {
        self.parallelism = min(max(parallelism, 1), 64)
        staging = .allocate(byteCount: self.parallelism * Self.chunkPayload, alignment: 64)
        leaves = .allocate(byteCount: self.parallelism * Self.chunkPadded, alignment: 64)
    }

    deinit {
        staging.deallocate()
        leaves.deallocate()
    }

    /// Adds payload bytes.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/tooLarge`` past the largest piece's
    ///   payload (64 GiB padded); ``PieceCommitmentError/Code/invalidSize`` after ``finish()``.
    public func update(_ bytes: UnsafeRawBufferPointer) throws(PieceCommitmentError) {
        guard !finished else { throw PieceCommitmentError(.invalidSize, "update after finish") }
        let (total, overflow) = payloadSize.addingReportingOverflow(UInt64(bytes.count))
        guard !overflow, total <= PaddedPieceSize.maximum.unpadded.rawValue else {
            throw PieceCommitmentError(
                .tooLarge, "payload exceeds the largest piece (\(PaddedPieceSize.maximum.unpadded.rawValue) bytes)")
        }
        payloadSize = total
        var offset = 0
        while offset < bytes.count {
            let take = min(bytes.count - offset, staging.count - staged)
            guard let source = bytes.baseAddress, let target = staging.baseAddress else { return }
            (target + staged).copyMemory(from: source + offset, byteCount: take)
            staged += take
            offset += take
            if staged == staging.count { hashStagedChunks() }
        }
    }

    /// Adds payload bytes.
    public func update(_ bytes: some Sequence<UInt8>) throws(PieceCommitmentError) {
        let array = Array(bytes)
        var failure: PieceCommitmentError?
        array.withUnsafeBytes { buffer in
            do throws(PieceCommitmentError) { try update(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Finishes the piece. The builder takes no more input afterwards.
    ///
    /// - Throws: ``PieceCommitmentError`` when called twice.
    public func finish() throws(PieceCommitmentError) -> PieceDigest {
        guard !finished else { throw PieceCommitmentError(.invalidSize, "finish called twice") }
        finished = true
        let paddedSize = try PaddedPieceSize.forPayload(payloadSize)
        let height = paddedSize.treeHeight
        // Full chunks still staged.
        if staged >= Self.chunkPayload { hashStagedChunks(upTo: staged / Self.chunkPayload) }
        let tail = staged
        let root: Commitment
        if chunksDone == 0 {
            root = reduceTail(bytes: tail, toLevel: height)
        } else {
            if tail > 0 { push(reduceTail(bytes: tail, toLevel: Self.chunkLevel)) }
            root = fold(toLevel: height)
        }
        return PieceDigest(commitment: root, payloadSize: payloadSize, paddedSize: paddedSize)
    }

    /// Hashes every full chunk in the staging buffer (all of it when called from ``update(_:)``).
    private func hashStagedChunks(upTo count: Int? = nil) {
        let chunks = count ?? parallelism
        let work = ChunkWork(staging: UnsafeRawBufferPointer(staging), leaves: leaves)
        if chunks == 1 {
            work.hashChunk(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { index in work.hashChunk(index) }
        }
        for index in 0..<chunks {
            let start = index * Self.chunkPadded
            push(Commitment(trusted: Array(UnsafeRawBufferPointer(rebasing: leaves[start..<(start + 32)]))))
            chunksDone += 1
        }
        // Move any partial chunk behind the hashed ones to the front.
        let used = chunks * Self.chunkPayload
        let rest = staged - used
        if rest > 0, let base = staging.baseAddress {
            base.copyMemory(from: base + used, byteCount: rest)
        }
        staged = rest
    }

    /// Pushes a subtree root at the chunk level, merging equal levels like a binary counter.
    private func push(_ node: Commitment) {
        var node = node
        var slot = 0
        while slot < pending.count, let left = pending[slot] {
            node = Commitment.parent(left, node)
            pending[slot] = nil
            slot += 1
        }
        if slot == pending.count { pending.append(nil) }
        pending[slot] = node
    }

    /// Combines the pending roots into the root at `level`, filling empty right subtrees with zero roots.
    private func fold(toLevel level: Int) -> Commitment {
        var carry: Commitment?
        let top = level - Self.chunkLevel
        for slot in 0..<top {
            let zero = ZeroCommitments.root(level: Self.chunkLevel + slot)
            if slot < pending.count, let left = pending[slot] {
                carry = Commitment.parent(left, carry ?? zero)
            } else if let node = carry {
                carry = Commitment.parent(node, zero)
            }
        }
        if top < pending.count, let full = pending[top] { return full }
        return carry ?? ZeroCommitments.root(level: level)
    }

    /// Pads the first `bytes` staged bytes with zeros to whole 127-byte blocks (at least one), and reduces
    /// their leaves to one node at `level`, using zero roots for missing right subtrees.
    private func reduceTail(bytes: Int, toLevel level: Int) -> Commitment {
        let quads = max(1, (bytes + 126) / 127)
        if let base = staging.baseAddress {
            (base + bytes).initializeMemory(as: UInt8.self, repeating: 0, count: quads * 127 - bytes)
        }
        TreeHasher.fr32Pad(UnsafeRawBufferPointer(staging), leaves, quads: quads)
        var count = quads * 4
        var current = 0
        while current < level {
            if count % 2 == 1 {
                UnsafeMutableRawBufferPointer(rebasing: leaves[(count * 32)..<(count * 32 + 32)])
                    .copyBytes(from: ZeroCommitments.root(level: current).bytes)
                count += 1
            }
            TreeHasher.hashPairs(UnsafeRawBufferPointer(leaves), leaves, pairs: count / 2)
            count /= 2
            current += 1
        }
        return Commitment(trusted: Array(UnsafeRawBufferPointer(rebasing: leaves[0..<32])))
    }
}

/// One batch of chunks: chunk i reads staging[i·chunkPayload, +chunkPayload) and writes
/// leaves[i·chunkPadded, +chunkPadded). Sendable by hand because the regions of different chunks are disjoint
/// and the owning builder waits for every chunk before touching either buffer again.
private struct ChunkWork: @unchecked Sendable {
    let staging: UnsafeRawBufferPointer
    let leaves: UnsafeMutableRawBufferPointer

    func hashChunk(_ index: Int) {
        let input = UnsafeRawBufferPointer(rebasing: staging[(index * CommPBuilder.chunkPayload)...])
        let output = UnsafeMutableRawBufferPointer(rebasing: leaves[(index * CommPBuilder.chunkPadded)..<((index + 1) * CommPBuilder.chunkPadded)])
        TreeHasher.fr32Pad(input, output, quads: CommPBuilder.chunkPayload / 127)
        var count = CommPBuilder.chunkPadded / 32
        while count > 1 {
            TreeHasher.hashPairs(UnsafeRawBufferPointer(output), output, pairs: count / 2)
            count /= 2
        }
    }
}
