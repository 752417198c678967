/// A failed multistream-select negotiation: what went wrong (``kind``) and a sentence that says what
/// was wrong and what to do (``message``).
///
/// Input from the wire never traps: garbage, oversized or truncated messages all end here.
public struct MultistreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// A message is longer than the configured limit (1024 bytes by default, as go-multistream).
        case messageTooLong
        /// A message is not a uvarint-length-prefixed UTF-8 line ending in `\n`.
        case malformedMessage
        /// The peer does not speak `/multistream/1.0.0`.
        case versionMismatch
        /// The responder answered `na` to every protocol we proposed.
        case noCommonProtocol
        /// The responder answered something that is neither our proposal nor `na`.
        case unexpectedResponse
        /// The peer proposed more protocols than the configured limit without agreeing on one.
        case tooManyAttempts
        /// A protocol ID given to us by the local caller breaks the protocol ID rules.
        case invalidProtocolID
        /// The connection or stream ended before the negotiation finished.
        case connectionClosed
        /// The negotiation did not finish within the configured time.
        case timeout
    }

    /// What went wrong.
    public var kind: Kind
    /// A complete sentence for logs and users.
    public var message: String

    /// Creates an error of `kind` with a message for the user.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
