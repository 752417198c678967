/// Signs and verifies API tokens with the node's own secret. The node passes its JWT authority in,
/// so the actors need no crypto library.
public protocol TokenAuthority: Sendable {
    func token(allow: [String]) -> String
    func verify(_ token: String) throws -> [String]
}
