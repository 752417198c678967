/// The one error that crosses the wire: a JSON-RPC error object `{"code":N,"message":"..."}`.
///
/// Codes follow go-jsonrpc (reference §5.3): `-32700` parse, `-32601` method not found, `-32602` wrong
/// param count, `0` fatal, `1` any error returned by a method. Codes in `-32010...-32019` are ours and
/// document conditions Lotus reported badly (a panic) or only on the client side.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An extensible error code (a struct, not an enum, so new codes do not break callers).
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Malformed JSON, or params that do not decode into the method's types.
        public static let parseError = Code(rawValue: -32700)
        /// The request is not a JSON-RPC 2.0 request object.
        public static let invalidRequest = Code(rawValue: -32600)
        /// No such method, or a channel method called where channels are not supported.
        public static let methodNotFound = Code(rawValue: -32601)
        /// Wrong number of positional params.
        public static let invalidParams = Code(rawValue: -32602)
        /// The server failed while running the method (go-jsonrpc's "fatal error calling").
        public static let fatal = Code(rawValue: 0)
        /// The method ran and returned an error; also a missing permission.
        public static let methodError = Code(rawValue: 1)
        /// The method belongs to a subsystem that is not enabled on this node.
        public static let subsystemNotEnabled = Code(rawValue: -32010)
        /// Client side: the node could not be reached (down, refused, reset).
        public static let unreachable = Code(rawValue: -32011)
        /// Client side: the server answered HTTP 401 (bad or foreign token).
        public static let unauthorized = Code(rawValue: -32012)
        /// The request body exceeds the server's size limit.
        public static let requestTooLarge = Code(rawValue: -32013)
        /// The node is shutting down and accepts no new calls.
        public static let shuttingDown = Code(rawValue: -32014)
        /// Client side: the server's reply was not a valid JSON-RPC response.
        public static let badResponse = Code(rawValue: -32015)
        /// Callers without a token already hold as many request bytes in the server as it allows them; retry, or
        /// send a token.
        public static let busy = Code(rawValue: -32016)

        public var description: String { String(rawValue) }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The error a node returns for a method of a subsystem it does not run.
    public static func notEnabled(method: String, subsystem: Subsystem, hint: String) -> RPCError {
        RPCError(
            .subsystemNotEnabled,
            "method '\(method)' belongs to the \(subsystem) subsystem, which is not enabled on this node "
                + "(\(subsystem.configKey) = false); \(hint)")
    }

    /// Wraps any error thrown by a method the way go-jsonrpc does: code 1 and the error's text.
    public static func wrapping(_ error: any Error) -> RPCError {
        if let rpc = error as? RPCError { return rpc }
        return RPCError(.methodError, String(describing: error))
    }
}
