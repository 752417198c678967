/// A failure of the chain database: what went wrong and what to do about it.
public struct ChainStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Broad category.
    public enum Kind: Sendable, Equatable {
        /// SQLite failed (open, read, write, commit).
        case io
        /// A stored row cannot be decoded, or the stored chain contradicts itself.
        case corrupt
        /// The caller asked for something that contradicts what is stored (e.g. a second genesis).
        case conflict
    }

    /// The category.
    public let kind: Kind
    /// Human-readable explanation, shown verbatim to operators.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Same as ``message``.
    public var description: String { message }
}
