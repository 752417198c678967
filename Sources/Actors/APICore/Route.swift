/// What every method definition has in common, independent of its types. The server builds its
/// routing table from these; ``MethodSet`` collects them by reflection, so no method is listed twice.
public protocol MethodDescriptor: Sendable {
    var name: String { get }
    var wireName: String { get }
    var permission: Permission { get }
    var subsystem: Subsystem { get }
    var kind: Route.Kind { get }
    var arity: Int { get }
    /// The type of each positional param, in order (``RPCParams/parameterTypes``).
    var parameterTypes: [any Decodable.Type] { get }
    /// Binds the method to a local implementation; `nil` when `target` is not the owning API type.
    func route(on target: any Sendable) -> Route?
}

/// A method bound to its local implementation, with types erased: what a server dispatches to.
public struct Route: Sendable {
    public enum Kind: Sendable, Equatable { case unary, channel }

    /// The output of a call: one value, or a stream of values for channel methods.
    public enum Output: Sendable {
        case value(any Encodable & Sendable)
        case stream(AsyncThrowingStream<any Encodable & Sendable, any Error>)
    }

    public let name: String
    public let wireName: String
    public let permission: Permission
    public let subsystem: Subsystem
    public let kind: Kind
    public let arity: Int
    /// Decodes params, runs the method, returns its output. Throws ``RPCError`` or the method's error.
    public let handler: @Sendable (any PositionalDecoder) async throws -> Output

    public init(
        descriptor: some MethodDescriptor,
        handler: @escaping @Sendable (any PositionalDecoder) async throws -> Output
    ) {
        self.name = descriptor.name
        self.wireName = descriptor.wireName
        self.permission = descriptor.permission
        self.subsystem = descriptor.subsystem
        self.kind = descriptor.kind
        self.arity = descriptor.arity
        self.handler = handler
    }

    /// A route for a method whose subsystem runs elsewhere: it always fails with `error`.
    public static func unavailable(_ descriptor: some MethodDescriptor, error: RPCError) -> Route {
        Route(descriptor: descriptor) { _ in throw error }
    }
}
