/// An API's method definitions, as stored properties of one struct typed on the API protocol:
///
/// ```swift
/// public struct SealingMethods: MethodSet {
///     public typealias API = any SealingAPI
///     public let sectorGetSealDelay = RPCMethod<any SealingAPI, Args0, Int64>("SectorGetSealDelay", .read, .sealing) {
///         api, _ in try await api.sealDelay()
///     }
/// }
/// ```
///
/// ``descriptors`` finds them by reflection, so a method is written exactly once. Because the definitions name the
/// protocol, not the actor that implements it, a client (the CLI, another node, a test) links the API target only.
public protocol MethodSet: Sendable {
    /// What the methods run on: the API protocol as an existential (`any SealingAPI`).
    associatedtype API: Sendable
    init()
}

extension MethodSet {
    /// Every method definition declared as a stored property, in declaration order.
    public var descriptors: [any MethodDescriptor] {
        Mirror(reflecting: self).children.compactMap { $0.value as? any MethodDescriptor }
    }
}
