/// Every failure raised by the `Multiformats` module while parsing bytes or text from elsewhere.
///
/// Parsers never trap on bad input: they throw this error, whose ``kind`` lets callers react (for example,
/// a stream reader waits for more bytes on ``Kind/truncated``) and whose ``message`` says what was wrong.
public struct MultiformatsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Broad category of the failure.
    public enum Kind: Sendable, Equatable {
        /// The input ended in the middle of a value; with more bytes it might parse.
        case truncated
        /// A varint is over-long, has a redundant trailing zero group, or does not fit in 63 bits.
        case invalidVarint
        /// Text contains a character outside the alphabet, or has a length or trailing bits no encoder produces.
        case invalidEncoding
        /// A code, multibase prefix, key type or protocol name this library does not know or does not accept here.
        case unsupported
        /// A well-formed field whose value is not allowed: a port above 65535, a digest of the wrong length,
        /// bytes left over after a complete value, a public key that does not match its private key.
        case invalidValue
    }

    /// The category of the failure.
    public let kind: Kind
    /// Human-readable explanation: what was wrong with the input and what was expected.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Same as ``message``.
    public var description: String { message }
}
