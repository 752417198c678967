/// An error of a yamux session or stream. ``description`` is a complete sentence: what happened
/// and, where there is one, what to do.
public struct YamuxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Hashable {
        /// The peer broke the protocol (bad header, window exceeded, duplicate stream); the
        /// session sent go-away (protocol error) and closed.
        case protocolViolation
        /// The stream was reset, by the peer (``YamuxError/remote`` is true) or by us.
        case streamReset
        /// The stream is closed for writing (``YamuxStream/closeWrite()`` was called).
        case streamClosed
        /// The session is closed (or closing) and takes no new work.
        case sessionClosed
        /// The peer sent go-away; no new streams can be opened on this session.
        case goAwayReceived
        /// Stream IDs of this session are used up (2^31 streams); open a new connection.
        case streamIDsExhausted
        /// A ping got no answer in time.
        case timeout
        /// A ``YamuxConfiguration`` value cannot work; the message names the field.
        case invalidConfiguration
    }

    /// What went wrong.
    public var kind: Kind
    /// The sentence shown to users.
    public var message: String
    /// The error code carried by the frame that caused this, if any (go-away code, reset code).
    public var code: UInt32?
    /// Whether the peer caused it (remote reset, remote go-away) rather than this side.
    public var remote: Bool

    /// An error of `kind` with a message for the user.
    public init(_ kind: Kind, _ message: String, code: UInt32? = nil, remote: Bool = false) {
        self.kind = kind
        self.message = message
        self.code = code
        self.remote = remote
    }

    public var description: String { message }
}

/// The error code of a go-away frame (hashicorp/yamux `spec.md`, "Session termination").
public struct YamuxGoAwayCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Normal termination.
    public static let normal = YamuxGoAwayCode(rawValue: 0)
    /// The sender saw a protocol error.
    public static let protocolError = YamuxGoAwayCode(rawValue: 1)
    /// The sender had an internal error.
    public static let internalError = YamuxGoAwayCode(rawValue: 2)

    public var description: String {
        switch self {
        case .normal: "normal"
        case .protocolError: "protocol error"
        case .internalError: "internal error"
        default: "code \(rawValue)"
        }
    }
}
