/// A failure outside message execution: bad parameters file, a query for something that does not exist, a refused
/// block submission, an inconsistent stored chain. ``message`` says what was wrong and what to do.
public struct ChainStateError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The category of the failure.
    public enum Kind: String, Sendable, Equatable {
        /// An argument or a decoded value is malformed or out of range.
        case invalidArgument
        /// The actor, sector, deal or tipset asked for does not exist.
        case notFound
        /// A block submission was refused (not a winner, bad signature, wrong epoch).
        case submissionRefused
        /// Network parameters are inconsistent.
        case invalidParams
        /// The stored chain does not fit together (e.g. a missing actor).
        case corruptState
    }

    /// The category of the failure.
    public var kind: Kind
    /// What was wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
