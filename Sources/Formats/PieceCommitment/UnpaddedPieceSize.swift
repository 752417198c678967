/// The payload capacity of a piece (go-state-types `abi.UnpaddedPieceSize`): 127 × 2^n bytes.
public struct UnpaddedPieceSize: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The size in bytes.
    public let rawValue: UInt64

    /// A validated size.
    ///
    /// - Throws: ``PieceCommitmentError`` ``PieceCommitmentError/Code/invalidSize`` unless `rawValue` is
    ///   127 × 2^n, n < 57 ("minimum piece size is 127 bytes" below that, as Lotus says).
    public init(validating rawValue: UInt64) throws(PieceCommitmentError) {
        guard rawValue >= 127 else {
            throw PieceCommitmentError(.invalidSize, "minimum piece size is 127 bytes, got \(rawValue)")
        }
        guard rawValue % 127 == 0, (rawValue / 127).nonzeroBitCount == 1, rawValue / 127 < 1 << 57 else {
            throw PieceCommitmentError(.invalidSize, "unpadded piece size must be a power of 2 multiple of 127, got \(rawValue)")
        }
        self.rawValue = rawValue
    }

    /// `RawRepresentable`: nil for an invalid size.
    public init?(rawValue: UInt64) {
        guard let size = try? UnpaddedPieceSize(validating: rawValue) else { return nil }
        self = size
    }

    init(unchecked rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The padded size: `s + s/127` (128 for 127).
    public var padded: PaddedPieceSize { PaddedPieceSize(unchecked: rawValue + rawValue / 127) }

    public static func < (lhs: UnpaddedPieceSize, rhs: UnpaddedPieceSize) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
