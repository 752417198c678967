/// A subsystem's method definitions, as stored properties of one struct:
///
/// ```swift
/// public struct SealingMethods: MethodSet {
///     public let sectorGetSealDelay = RPCMethod<SealingActor, Args0, Int64>("SectorGetSealDelay", .read, .sealing) {
///         api, _ in await api.sealDelay()
///     }
/// }
/// ```
///
/// ``descriptors`` finds them by reflection, so a method is written exactly once.
public protocol MethodSet: Sendable {
    init()
}

extension MethodSet {
    /// Every method definition declared as a stored property, in declaration order.
    public var descriptors: [any MethodDescriptor] {
        Mirror(reflecting: self).children.compactMap { $0.value as? any MethodDescriptor }
    }
}

/// An API served by one actor: the type that owns a ``MethodSet``.
public protocol SubsystemAPI: Sendable {
    associatedtype Methods: MethodSet
    /// The subsystem that owns these methods.
    static var subsystem: Subsystem { get }
}

extension SubsystemAPI {
    /// The method definitions of this API.
    public static var methods: Methods { Methods() }
}
