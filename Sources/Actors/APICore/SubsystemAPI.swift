/// The root of every API protocol (`SealingAPI`, `FullNodeAPI`, …): it names the ``MethodSet`` whose definitions
/// run on a conforming implementation.
///
/// ```swift
/// public protocol SealingAPI: SubsystemAPI where Methods == SealingMethods {
///     func sealDelay() async throws -> Int64
/// }
/// public actor SealingActor: SealingAPI, Service { … }   // in the Sealing target
/// ```
public protocol SubsystemAPI: Sendable {
    associatedtype Methods: MethodSet
}

extension SubsystemAPI {
    /// The method definitions of this API.
    public static var methods: Methods { Methods() }
}
