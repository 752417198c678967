/// The one definition of a channel (subscription) method: the call returns a stream of values.
///
/// On the wire the result is a channel id followed by `xrpc.ch.val` notifications and one
/// `xrpc.ch.close` (websocket), or the same messages as newline-delimited JSON on one HTTP/2 stream.
public struct RPCChannelMethod<API: Sendable, Params: RPCParams, Element: Codable & Sendable>: Sendable {
    public let name: String
    public let permission: Permission
    public let subsystem: Subsystem
    public let invoke: @Sendable (API, Params) async throws -> AsyncThrowingStream<Element, any Error>

    public init(
        _ name: String, _ permission: Permission, _ subsystem: Subsystem,
        invoke: @escaping @Sendable (API, Params) async throws -> AsyncThrowingStream<Element, any Error>
    ) {
        self.name = name
        self.permission = permission
        self.subsystem = subsystem
        self.invoke = invoke
    }

    public var wireName: String { "Filecoin." + name }
}

extension RPCChannelMethod: MethodDescriptor {
    public var kind: Route.Kind { .channel }
    public var arity: Int { Params.arity }
    public var parameterTypes: [any Decodable.Type] { Params.parameterTypes }

    public func route(on target: any Sendable) -> Route? {
        guard let api = target as? API else { return nil }
        let invoke = self.invoke
        return Route(descriptor: self) { params in
            let args = try Params(from: params)
            let typed = try await invoke(api, args)
            let (erased, continuation) = AsyncThrowingStream<any Encodable & Sendable, any Error>.makeStream()
            let pump = Task {
                do {
                    for try await value in typed { continuation.yield(value) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in pump.cancel() }
            return .stream(erased)
        }
    }
}
