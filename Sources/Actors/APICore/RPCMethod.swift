/// The one definition of a unary API method.
///
/// It names the wire method (`Filecoin.<name>`), the permission, the owning subsystem, the parameter and
/// result types, and how to run it on the owning actor. From this value come:
/// - the local call (``SubsystemRef/call(_:)`` on a local actor runs `invoke` directly: no encoding);
/// - the server route (``route(on:)``), with permission and param-count checks;
/// - the remote client (``SubsystemRef`` on a remote ``RPCCaller`` sends `wireName` with encoded params).
public struct RPCMethod<API: Sendable, Params: RPCParams, Result: Codable & Sendable>: Sendable {
    /// The method name without namespace, e.g. `Version`.
    public let name: String
    public let permission: Permission
    public let subsystem: Subsystem
    /// Whether a call may legitimately take as long as its work (a piece streamed in, a sector unsealed, a lock waited
    /// for): such calls are exempt from a caller's ``RPCCaller/callTimeout``; every other call between nodes is bounded.
    public let longRunning: Bool
    /// Runs the method on a local actor.
    public let invoke: @Sendable (API, Params) async throws -> Result

    public init(
        _ name: String, _ permission: Permission, _ subsystem: Subsystem, longRunning: Bool = false,
        invoke: @escaping @Sendable (API, Params) async throws -> Result
    ) {
        self.name = name
        self.permission = permission
        self.subsystem = subsystem
        self.longRunning = longRunning
        self.invoke = invoke
    }

    /// `Filecoin.<name>`, the JSON-RPC method string.
    public var wireName: String { "Filecoin." + name }
}

extension RPCMethod: MethodDescriptor {
    public var kind: Route.Kind { .unary }
    public var arity: Int { Params.arity }
    public var parameterTypes: [any Decodable.Type] { Params.parameterTypes }

    public func route(on target: any Sendable) -> Route? {
        guard let api = target as? API else { return nil }
        let invoke = self.invoke
        return Route(descriptor: self) { params in
            let args = try Params(from: params)
            return .value(try await invoke(api, args))
        }
    }
}
