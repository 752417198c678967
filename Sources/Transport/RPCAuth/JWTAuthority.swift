import Crypto
import Foundation

/// Issues and verifies Lotus API tokens: HS256 JWTs whose payload is exactly `{"Allow":[...]}`.
///
/// Lotus (gbrlsnchs/jwt) signs `base64url({"alg":"HS256","typ":"JWT"}) + "." + base64url({"Allow":[...]})`
/// with HMAC-SHA256 keyed by the node's 32-byte `auth-jwt-private` secret; there is no `exp`/`iat`.
/// Tokens produced here are byte-identical to Lotus's, and tokens from Lotus (or any HS256 signer that
/// formats its JSON differently) verify here.
public struct JWTAuthority: Sendable {
    /// The exact header Lotus emits, already base64url-encoded.
    static let encodedHeader = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    private let key: SymmetricKey

    /// Creates an authority for the given HMAC secret (the `auth-jwt-private` key bytes).
    public init(secret: [UInt8]) {
        self.key = SymmetricKey(data: secret)
    }

    /// Signs a token granting `allow` (e.g. `["read","write","sign","admin"]`), Lotus's `AuthNew`.
    public func token(allow: [String]) -> String {
        let payload = #"{"Allow":"# + GoJSON.stringArray(allow) + "}"
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(Array(payload.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(mac))
    }

    /// Verifies `token` and returns its `Allow` list, Lotus's `AuthVerify`.
    ///
    /// The signature is checked over the raw `header.payload` text, so header/payload JSON may use any key
    /// order or whitespace. Throws ``AuthError`` (`malformed token`, `algorithm mismatch ...`,
    /// `signature mismatch`).
    public func verify(_ token: String) throws -> [String] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerBytes = Base64URL.decode(parts[0]),
              let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2])
        else { throw AuthError.malformed }

        guard let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)) else {
            throw AuthError.malformed
        }
        guard header.alg == "HS256" else {
            throw AuthError(reason: "algorithm mismatch (token uses \(GoJSON.quote(header.alg)), expected \"HS256\")")
        }

        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        let expected = Array(HMAC<SHA256>.authenticationCode(for: signingInput, using: key))
        guard Self.constantTimeEqual(expected, signature) else { throw AuthError.signatureMismatch }

        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(payloadBytes)) else {
            throw AuthError.malformed
        }
        return payload.allow
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var diff: UInt8 = 0
        for index in lhs.indices { diff |= lhs[index] ^ rhs[index] }
        return diff == 0
    }
}

/// JOSE header: only `alg` matters.
private struct Header: Decodable {
    let alg: String
}

/// JWT payload. Like Go's `encoding/json`, an exact `Allow` key wins, otherwise a case-insensitive match
/// is used; `null` or absent means no permissions; other claims are ignored.
private struct Payload: Decodable {
    let allow: [String]

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let key = container.allKeys.first { $0.stringValue == "Allow" }
            ?? container.allKeys.first { $0.stringValue.lowercased() == "allow" }
        if let key {
            allow = try container.decodeIfPresent([String].self, forKey: key) ?? []
        } else {
            allow = []
        }
    }
}
