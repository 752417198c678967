/// A failed Noise handshake or transport operation: what went wrong (``kind``) and a sentence saying
/// what was wrong and what to do (``message``).
public struct NoiseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// A message failed authentication: tampered, truncated, or encrypted under another key.
        case decryptionFailed
        /// A handshake message or frame is shorter than its fixed parts, or longer than 65535 bytes.
        case malformedMessage
        /// A Diffie-Hellman public key was rejected (a low-order point gives an all-zero secret).
        case invalidKey
        /// The call does not fit the handshake's state (e.g. writing when it is the peer's turn).
        case invalidState
        /// 2^64-1 messages were sent or received with one key; the connection must be replaced.
        case nonceExhausted
        /// The libp2p handshake payload is not a valid `NoiseHandshakePayload` or its key is not Ed25519.
        case invalidPayload
        /// The peer's identity key did not sign its Noise static key.
        case invalidSignature
        /// The peer authenticated as a different peer than the one we dialled.
        case peerIDMismatch
        /// The connection closed or failed during the handshake.
        case connectionClosed
        /// The handshake did not finish within the configured time.
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
