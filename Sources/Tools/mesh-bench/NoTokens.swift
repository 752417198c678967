import CommonAPI
import SubsystemSupport

/// A token authority for the bench's ``CommonActor``: the bench never issues or checks tokens
/// (the JSON-RPC server runs without an authority, so every caller has every permission).
struct NoTokens: TokenAuthority {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "mesh-bench does not verify tokens" }
    }

    func token(allow: [String]) -> String { "" }
    func verify(_ token: String) throws -> [String] { throw Refused() }
}
