import APICore

/// Builds a node's routes: the methods of local subsystems bound to their actors, and for subsystems
/// that run elsewhere, routes that answer with a clear "runs on another node" error.
public struct RouteTable: Sendable {
    public private(set) var routes: [Route] = []

    public init() {}

    /// Binds every method of `API` to the local `api`.
    public mutating func serve<API: SubsystemAPI>(_ api: API) {
        for descriptor in API.methods.descriptors {
            if let route = descriptor.route(on: api) { routes.append(route) }
        }
    }

    /// Declares every method of `methods` as served elsewhere; calls fail with
    /// ``APICore/RPCError/notEnabled(method:subsystem:hint:)``.
    public mutating func refuse<Methods: MethodSet>(_ methods: Methods.Type, hint: String) {
        for descriptor in Methods().descriptors {
            let error = RPCError.notEnabled(method: descriptor.wireName, subsystem: descriptor.subsystem, hint: hint)
            routes.append(Route.unavailable(descriptor, error: error))
        }
    }

    /// Adds hand-built routes (e.g. test-only methods).
    public mutating func add(_ extra: [Route]) { routes.append(contentsOf: extra) }
}
