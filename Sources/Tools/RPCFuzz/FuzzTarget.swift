import APICore
import JSONRPC

/// One node under fuzz: its methods (from the method sets it serves) and two transports to it, one presenting an
/// admin token and one presenting none (so only `read` methods get past the permission check).
public struct FuzzTarget: Sendable {
    /// A name for reports (`daemon`, `miner`).
    public var name: String
    /// The methods to call, from their definitions.
    public var methods: [any MethodDescriptor]
    /// A transport with an admin token.
    public var withToken: any ClientTransport
    /// A transport without a token.
    public var withoutToken: any ClientTransport

    /// A target for `methods`, reached through the two transports.
    public init(name: String, methods: [any MethodDescriptor], withToken: any ClientTransport, withoutToken: any ClientTransport) {
        self.name = name
        self.methods = methods
        self.withToken = withToken
        self.withoutToken = withoutToken
    }

    /// Methods never called with a token: `Shutdown` would stop the node under test, and `NetConnect` dials
    /// whatever address a mutation makes (tests stay on loopback). Both are still called without one.
    public static let notCalledWithToken: Set<String> = ["Shutdown", "NetConnect"]
}
