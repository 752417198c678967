import Multiformats

/// A 32-byte node of a piece tree: a piece commitment (CommP), a sector's unsealed commitment (CommD) or any
/// inner node. Every valid node has the two most significant bits of its last byte clear (an Fr32 element).
public struct Commitment: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 bytes.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidCommitment`` when `bytes` is not
    ///   32 bytes long or `bytes[31] & 0xC0` is not zero.
    public init(bytes: some Collection<UInt8>) throws(PieceCommitmentError) {
        let array = Array(bytes)
        guard array.count == 32 else {
            throw PieceCommitmentError(.invalidCommitment, "a commitment is 32 bytes, got \(array.count)")
        }
        guard array[31] & 0xC0 == 0 else {
            throw PieceCommitmentError(
                .invalidCommitment, "the top two bits of a commitment's last byte must be zero (got 0x\(Hex.encode([array[31]])))")
        }
        self.bytes = array
    }

    /// Wraps bytes this module produced (32 bytes, already truncated to 254 bits).
    init(trusted bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The parent of two nodes: SHA-256 of `left || right` with the two top bits of byte 31 cleared.
    public static func parent(_ left: Commitment, _ right: Commitment) -> Commitment {
        var out = [UInt8](repeating: 0, count: 32)
        let block = left.bytes + right.bytes
        block.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in TreeHasher.hashPairs(input, output, pairs: 1) }
        }
        return Commitment(trusted: out)
    }

    /// Lower-case hex.
    public var description: String { Hex.encode(bytes) }
}
