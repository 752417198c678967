/// An ``RPCCaller`` whose calls are bounded: ``SubsystemRef`` fails a call that is not ``RPCMethod/longRunning`` when no
/// answer comes within `limit` (Lotus's `[API] Timeout`), instead of waiting on a node that has stopped answering.
public struct TimeLimitedCaller: RPCCaller {
    public let base: any RPCCaller
    public let limit: Duration

    public init(_ base: any RPCCaller, limit: Duration) {
        self.base = base
        self.limit = limit
    }

    public var callTimeout: Duration? { limit }
    public var endpointDescription: String { base.endpointDescription }

    public func call<P: RPCParams, R: Decodable & Sendable>(_ method: String, _ params: P, returning: R.Type) async throws -> R {
        try await base.call(method, params, returning: returning)
    }

    public func subscribe<P: RPCParams, E: Decodable & Sendable>(
        _ method: String, _ params: P, element: E.Type
    ) async throws -> AsyncThrowingStream<E, any Error> {
        try await base.subscribe(method, params, element: element)
    }
}
