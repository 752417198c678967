/// An error of the libp2p host: a bad address, a failed dial or handshake, a peer that is not connected,
/// a protocol the remote does not speak, a message over its size limit.
///
/// ``description`` is a complete sentence saying what went wrong and, where there is one, what to do.
public struct Libp2pHostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The host is not running (``Libp2pHost/run()`` has not started or has returned).
        case notRunning
        /// A multiaddr the host cannot use (not `/ip4|ip6/…/tcp/N`, missing `/p2p/<id>` where one is needed).
        case badAddress
        /// A listen address could not be bound.
        case bindFailed
        /// The TCP connection to a peer could not be opened.
        case dialFailed
        /// The connection upgrade (multistream-select, Noise, yamux) failed or timed out.
        case handshakeFailed
        /// The peer that answered proved a different identity than the dialled `/p2p/<id>`.
        case peerIDMismatch
        /// There is no open connection to the peer.
        case notConnected
        /// The remote answered `na` to every protocol offered.
        case protocolNotSupported
        /// A length-prefixed message was larger than the reader allows.
        case messageTooLarge
        /// The remote broke a protocol rule (a bad length prefix, a wrong ping echo, a truncated message).
        case protocolViolation
        /// An operation did not finish in time.
        case timeout
        /// The stream or connection was closed or reset before the operation finished.
        case closed
        /// A limit of ``Libp2pHostConfig/Limits`` was reached.
        case limitReached
        /// An argument was out of range (a ping count below 1).
        case invalidArgument
    }

    /// The category.
    public var kind: Kind
    /// A complete sentence for the user.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Same as ``message``.
    public var description: String { message }
}
