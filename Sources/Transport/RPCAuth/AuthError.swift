/// An authentication failure: a token that is malformed, signed with another secret, or not HS256.
///
/// The `description` follows Lotus's wording (`JWT Verification failed: ...`) so that CLI output and
/// RPC error strings match what operators know from `lotus-miner auth` and go-jsonrpc.
public struct AuthError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, without the `JWT Verification failed:` prefix (e.g. `signature mismatch`).
    public let reason: String

    /// Creates an error for the given reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// Full, user-facing message, e.g. `JWT Verification failed: signature mismatch`.
    public var description: String { "JWT Verification failed: \(reason)" }

    /// The token does not consist of three base64url parts with JSON header and payload.
    public static let malformed = AuthError(reason: "malformed token")
    /// The HMAC does not match: the token was signed with a different secret or was altered.
    public static let signatureMismatch = AuthError(reason: "signature mismatch")
}
