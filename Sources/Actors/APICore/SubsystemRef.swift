/// A handle on an API that is either a local implementation or a remote node. Callers cannot tell which:
/// both run the same method definitions. This is the one place where local and remote differ.
///
/// Typed on the method set (`SubsystemRef<SealingMethods>`), so holding one links the API target only.
public struct SubsystemRef<Methods: MethodSet>: Sendable {
    public typealias API = Methods.API

    public enum Location: Sendable {
        /// A plain call on the implementation (an actor call): no encoding.
        case local(API)
        /// A JSON-RPC call through a transport.
        case remote(any RPCCaller)
    }

    public let location: Location

    public init(_ location: Location) { self.location = location }
    public static func local(_ api: API) -> SubsystemRef { SubsystemRef(.local(api)) }
    public static func remote(_ caller: any RPCCaller) -> SubsystemRef { SubsystemRef(.remote(caller)) }

    public var isLocal: Bool {
        if case .local = location { return true }
        return false
    }

    /// Calls `method` with already-packed `params`.
    public func call<P, R>(_ method: RPCMethod<API, P, R>, params: P) async throws -> R {
        switch location {
        case .local(let api):
            do { return try await method.invoke(api, params) } catch { throw RPCError.wrapping(error) }
        case .remote(let caller):
            guard !method.longRunning, let limit = caller.callTimeout else {
                return try await caller.call(method.wireName, params, returning: R.self)
            }
            return try await Self.bounded(method.wireName, by: limit, at: caller.endpointDescription) {
                try await caller.call(method.wireName, params, returning: R.self)
            }
        }
    }

    /// `call`'s answer, or ``RPCError`` `unreachable` when none comes within `limit` (the call is then cancelled).
    static func bounded<R: Sendable>(
        _ name: String, by limit: Duration, at endpoint: String, _ call: @escaping @Sendable () async throws -> R
    ) async throws -> R {
        guard let answer = try await withTimeLimit(limit, call) else {
            throw RPCError(.unreachable, "\(endpoint) did not answer \(name) within \(limit) ([API] Timeout)")
        }
        return answer
    }

    public func call<R>(_ method: KeyPath<Methods, RPCMethod<API, Args0, R>>) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args0())
    }

    public func call<A, R>(_ method: KeyPath<Methods, RPCMethod<API, Args1<A>, R>>, _ a: A) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args1(a))
    }

    public func call<A, B, R>(
        _ method: KeyPath<Methods, RPCMethod<API, Args2<A, B>, R>>, _ a: A, _ b: B
    ) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args2(a, b))
    }

    public func call<A, B, C, R>(
        _ method: KeyPath<Methods, RPCMethod<API, Args3<A, B, C>, R>>, _ a: A, _ b: B, _ c: C
    ) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args3(a, b, c))
    }

    public func call<A, B, C, D, R>(
        _ method: KeyPath<Methods, RPCMethod<API, Args4<A, B, C, D>, R>>, _ a: A, _ b: B, _ c: C, _ d: D
    ) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args4(a, b, c, d))
    }

    public func call<A, B, C, D, E, R>(
        _ method: KeyPath<Methods, RPCMethod<API, Args5<A, B, C, D, E>, R>>, _ a: A, _ b: B, _ c: C, _ d: D, _ e: E
    ) async throws -> R {
        try await call(Methods()[keyPath: method], params: Args5(a, b, c, d, e))
    }

    /// Opens a channel method's stream.
    public func subscribe<P, E>(_ method: RPCChannelMethod<API, P, E>, params: P) async throws
        -> AsyncThrowingStream<E, any Error>
    {
        switch location {
        case .local(let api):
            do { return try await method.invoke(api, params) } catch { throw RPCError.wrapping(error) }
        case .remote(let caller):
            return try await caller.subscribe(method.wireName, params, element: E.self)
        }
    }

    public func subscribe<E>(_ method: KeyPath<Methods, RPCChannelMethod<API, Args0, E>>) async throws
        -> AsyncThrowingStream<E, any Error>
    {
        try await subscribe(Methods()[keyPath: method], params: Args0())
    }
}
