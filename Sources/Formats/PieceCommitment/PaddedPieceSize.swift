/// The size of a piece after Fr32 padding (go-state-types `abi.PaddedPieceSize`): a power of two of at least
/// 128 bytes; 128 padded bytes hold 127 payload bytes.
public struct PaddedPieceSize: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The smallest piece, 128 bytes.
    public static let minimum = PaddedPieceSize(unchecked: 128)
    /// The largest piece this module hashes, 64 GiB (go-fil-commp-hashhash `MaxPieceSize`, the largest sector).
    public static let maximum = PaddedPieceSize(unchecked: 1 << 36)

    /// The size in bytes.
    public let rawValue: UInt64

    /// A validated size.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` unless `rawValue` is a
    ///   power of two and at least 128 ("minimum padded piece size is 128 bytes", as Lotus says).
    public init(validating rawValue: UInt64) throws(PieceCommitmentError) {
        guard rawValue >= 128 else {
            throw PieceCommitmentError(.invalidSize, "minimum padded piece size is 128 bytes, got \(rawValue)")
        }
        guard rawValue.nonzeroBitCount == 1 else {
            throw PieceCommitmentError(.invalidSize, "padded piece size must be a power of 2, got \(rawValue)")
        }
        self.rawValue = rawValue
    }

    /// `RawRepresentable`: nil for an invalid size.
    public init?(rawValue: UInt64) {
        guard let size = try? PaddedPieceSize(validating: rawValue) else { return nil }
        self = size
    }

    init(unchecked rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The payload this size holds: `s - s/128` (127 for 128).
    public var unpadded: UnpaddedPieceSize { UnpaddedPieceSize(unchecked: rawValue - rawValue / 128) }

    /// The tree height over 32-byte leaves: log2(size) - 5 (2 for 128 B, 30 for 32 GiB).
    public var treeHeight: Int { rawValue.trailingZeroBitCount - 5 }

    /// The padded size of a piece holding `payloadSize` bytes, as Lotus computes it: the payload is zero-padded
    /// to a multiple of 127 bytes (at least 127), each 127 bytes become 128, rounded up to a power of two.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/tooLarge`` above ``maximum``.
    public static func forPayload(_ payloadSize: UInt64) throws(PieceCommitmentError) -> PaddedPieceSize {
        guard payloadSize <= maximum.unpadded.rawValue else {
            throw PieceCommitmentError(
                .tooLarge, "a payload of \(payloadSize) bytes exceeds the largest piece (\(maximum.unpadded.rawValue) bytes)")
        }
        let quads = max(1, (payloadSize + 126) / 127)
        var size: UInt64 = 128
        while size / 128 < quads { size <<= 1 }
        return PaddedPieceSize(unchecked: size)
    }

    public static func < (lhs: PaddedPieceSize, rhs: PaddedPieceSize) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
