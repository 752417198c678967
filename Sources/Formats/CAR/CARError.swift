/// A CAR, DAG-PB or UnixFS input that cannot be used, or an I/O failure while reading or writing one.
public struct CARError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ends inside a header, section, CID or block.
        public static let truncated = Code(rawValue: "truncated")
        /// Bytes that do not follow the format: a bad varint, header, CID, protobuf field or UnixFS value.
        public static let malformed = Code(rawValue: "malformed")
        /// A block whose bytes do not hash to its CID.
        public static let hashMismatch = Code(rawValue: "hash-mismatch")
        /// A CAR version, codec or hash function this code does not handle.
        public static let unsupported = Code(rawValue: "unsupported")
        /// A length or count beyond this reader's bounds (section size, link count, DAG depth).
        public static let tooLarge = Code(rawValue: "too-large")
        /// A block the DAG links to that the CAR does not hold.
        public static let missingBlock = Code(rawValue: "missing-block")
        /// Reading or writing a file failed, or a file changed while it was imported.
        public static let io = Code(rawValue: "io")
    }

    /// The kind of failure.
    public let code: Code
    /// What was wrong, and where.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
