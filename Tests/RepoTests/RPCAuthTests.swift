import Foundation
import RPCAuth
import Testing

/// Vectors computed with Python's `hmac`/`base64` for secret = bytes(range(32)).
@Suite struct RPCAuthTests {
    let secret = Array(UInt8(0)...UInt8(31))
    let readWrite = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBbGxvdyI6WyJyZWFkIiwid3JpdGUiXX0.a2dV0UrA0kX6qMxjUfdyJZUwmw8W-rDDjES_OWZDB94"
    let admin = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBbGxvdyI6WyJyZWFkIiwid3JpdGUiLCJzaWduIiwiYWRtaW4iXX0.5lRaUKL6YDoISGlo14xwpeeacUF8a9HmOlEQ3ukDj_o"
    /// Header `{ "typ": "JWT", "alg": "HS256" }`, payload `{"Allow": ["read"], "Extra": 1}`.
    let reformatted = "eyAidHlwIjogIkpXVCIsICJhbGciOiAiSFMyNTYiIH0.eyJBbGxvdyI6IFsicmVhZCJdLCAiRXh0cmEiOiAxfQ.HvKsbSdRhqaRs3CIc6fMm7pX7mi8oLRKuF-_AK4fu4s"

    @Test func signsExactlyLikeLotus() {
        let authority = JWTAuthority(secret: secret)
        #expect(authority.token(allow: ["read", "write"]) == readWrite)
        #expect(authority.token(allow: ["read", "write", "sign", "admin"]) == admin)
    }

    @Test func verifiesPythonTokens() throws {
        let authority = JWTAuthority(secret: secret)
        #expect(try authority.verify(readWrite) == ["read", "write"])
        #expect(try authority.verify(admin) == ["read", "write", "sign", "admin"])
        #expect(try authority.verify(reformatted) == ["read"])
    }

    @Test func roundTripsArbitraryPermissions() throws {
        let authority = JWTAuthority(secret: Array("another secret".utf8))
        let token = authority.token(allow: ["sign", "a<b>&\"c\""])
        #expect(try authority.verify(token) == ["sign", "a<b>&\"c\""])
        #expect(try authority.verify(authority.token(allow: [])) == [])
    }

    @Test func rejectsOtherSecret() {
        let other = JWTAuthority(secret: Array(UInt8(1)...UInt8(32)))
        #expect(throws: AuthError.signatureMismatch) { try other.verify(readWrite) }
        #expect(AuthError.signatureMismatch.description == "JWT Verification failed: signature mismatch")
    }

    @Test func detectsTampering() {
        let authority = JWTAuthority(secret: secret)
        let parts = admin.split(separator: ".").map(String.init)
        // Payload swapped for one granting more: signature no longer matches.
        let forgedPayload = parts[0] + "." + readWrite.split(separator: ".")[1] + "." + parts[2]
        #expect(throws: AuthError.signatureMismatch) { try authority.verify(forgedPayload) }
        // One signature character flipped.
        var signature = Array(parts[2])
        signature[5] = signature[5] == "A" ? "B" : "A"
        let flipped = parts[0] + "." + parts[1] + "." + String(signature)
        #expect(throws: AuthError.signatureMismatch) { try authority.verify(flipped) }
        // Truncated signature.
        #expect(throws: AuthError.signatureMismatch) { try authority.verify(String(admin.dropLast(3))) }
    }

    @Test func rejectsMalformedTokens() {
        let authority = JWTAuthority(secret: secret)
        for token in ["", "abc", "a.b", "a.b.c.d", "!!.@@.##", readWrite + ".x", "e30.e30"] {
            #expect(throws: AuthError.malformed, "token \(token)") { try authority.verify(token) }
        }
        #expect(AuthError.malformed.description == "JWT Verification failed: malformed token")
    }

    @Test func rejectsOtherAlgorithms() throws {
        // {"alg":"none","typ":"JWT"} with a valid-looking payload and empty signature.
        let header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"
        let token = header + "." + readWrite.split(separator: ".")[1] + "."
        let error = try #require(throws: AuthError.self) { try JWTAuthority(secret: secret).verify(token) }
        #expect(error.description.hasPrefix("JWT Verification failed: algorithm mismatch"))
    }

    @Test func goJSONQuoting() {
        #expect(GoJSON.quote("a/b") == #""a/b""#)
        #expect(GoJSON.quote("<&>") == #""\u003c\u0026\u003e""#)
        #expect(GoJSON.quote("q\"\\\n\u{1}") == #""q\"\\\n\u0001""#)
        #expect(GoJSON.stringArray(["read", "write"]) == #"["read","write"]"#)
    }
}
