/// A piece-commitment input that cannot be used: a size that is not a valid piece size, a CID that is not a
/// piece CID, a payload too large for a piece, pieces that do not fit their sector.
public struct PieceCommitmentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A padded size that is not a power of two of at least 128 bytes, or an unpadded size that is not
        /// 127 × 2^n.
        public static let invalidSize = Code(rawValue: "invalid-size")
        /// A CID that is not a v1 (fil-commitment-unsealed, sha2-256-trunc254-padded) or v2 (raw,
        /// fr32-sha256-trunc254-padbintree) piece CID, or whose digest is malformed.
        public static let invalidCID = Code(rawValue: "invalid-cid")
        /// A commitment that is not 32 bytes or has either of the two top bits of its last byte set.
        public static let invalidCommitment = Code(rawValue: "invalid-commitment")
        /// More payload than the largest piece (64 GiB padded) holds.
        public static let tooLarge = Code(rawValue: "too-large")
        /// Pieces that do not fit the sector, or a sector size that is not a valid padded size.
        public static let doesNotFit = Code(rawValue: "does-not-fit")
        /// Reading the input failed.
        public static let io = Code(rawValue: "io")
    }

    /// The kind of failure.
    public let code: Code
    /// What was wrong, with the offending value.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
