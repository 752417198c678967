/// Something that can send a JSON-RPC call somewhere else and wait for the answer. Implemented by the
/// JSON-RPC client over each transport (in-process, HTTP/2). Errors are always ``RPCError``.
public protocol RPCCaller: Sendable {
    /// Sends `method` with positional `params` and decodes the result as `R`.
    func call<P: RPCParams, R: Decodable & Sendable>(_ method: String, _ params: P, returning: R.Type) async throws -> R
    /// Calls a channel method; the stream yields each value and ends when the server closes the channel.
    func subscribe<P: RPCParams, E: Decodable & Sendable>(
        _ method: String, _ params: P, element: E.Type
    ) async throws -> AsyncThrowingStream<E, any Error>
    /// A human description of where calls go (e.g. `http://127.0.0.1:2345/rpc/v0`), for error messages.
    var endpointDescription: String { get }
    /// How long a call that is not ``RPCMethod/longRunning`` may take before ``SubsystemRef`` gives up on it; nil for
    /// no limit. Set on the links between nodes (``TimeLimitedCaller``), so a node that stops answering cannot hold
    /// its peer's work forever.
    var callTimeout: Duration? { get }
}

extension RPCCaller {
    public var callTimeout: Duration? { nil }
}
