import ServiceLifecycle

/// Puts a node's ``RPCServer`` in front of its clients. Two implementations: ``InProcessServerTransport`` (tests; calls
/// still go through the JSON codec and token checks) and `HTTP2ServerTransport` (h2c, HTTP/1.1, TLS and websocket on
/// one port). The node shell and the test kit run one as the listener of a node's service group, so a node is
/// assembled the same way whichever serves it.
///
/// Graceful shutdown stops accepting new calls and lets in-flight ones finish; `run()` then returns.
public protocol ServerTransport: Service {
    /// The address clients reach the node at (`/ip4/127.0.0.1/tcp/P/http`, or an in-process name), once serving.
    /// - Throws: the transport's error when it could not start (e.g. the port is taken).
    func listeningAddress() async throws -> String
}
