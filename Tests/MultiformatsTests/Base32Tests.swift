import Multiformats
import Testing

/// RFC 4648 §10 vectors (unpadded), Lotus keystore file names, and multibase base32 examples.
@Suite struct Base32Tests {
    let rfc: [(String, String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    @Test func rfc4648VectorsInBothAlphabets() throws {
        for (plain, encoded) in rfc {
            #expect(Base32.uppercase.encode(plain) == encoded)
            #expect(try Base32.uppercase.decode(encoded) == Array(plain.utf8))
            #expect(Base32.lowercase.encode(Array(plain.utf8)) == encoded.lowercased())
            #expect(try Base32.lowercase.decode(encoded.lowercased()) == Array(plain.utf8))
        }
    }

    @Test func lotusKeystoreFileNames() throws {
        #expect(Base32.uppercase.encode("auth-jwt-private") == "MF2XI2BNNJ3XILLQOJUXMYLUMU")
        #expect(Base32.uppercase.encode("libp2p-host") == "NRUWE4BSOAWWQ33TOQ")
        #expect(try Base32.uppercase.decode("MF2XI2BNNJ3XILLQOJUXMYLUMU") == Array("auth-jwt-private".utf8))
    }

    @Test func multibaseExample() throws {
        // multiformats/multibase test vector "yes mani !" in base32 ('b' prefix dropped).
        #expect(Base32.lowercase.encode("yes mani !") == "pfsxgidnmfxgsibb")
        #expect(try Base32.lowercase.decode("pfsxgidnmfxgsibb") == Array("yes mani !".utf8))
    }

    @Test func appendsASCIIAfterExistingBytes() {
        var out: [UInt8] = [UInt8(ascii: "b")]
        Base32.lowercase.append([0x01, 0x71], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "bafyq")
    }

    @Test func rejectsOtherAlphabetsPaddingAndImpossibleLengths() {
        let bad: [(Base32, String, String)] = [
            (.uppercase, "mzxw6", "not in the alphabet"),   // lower case, as Go's RawStdEncoding
            (.lowercase, "MZXW6", "not in the alphabet"),
            (.uppercase, "MZXW1", "not in the alphabet"),   // '1' is not base32
            (.uppercase, "MZXW6YQ=", "not in the alphabet"),   // no padding: Go's RawStdEncoding rejects '=' too
            (.uppercase, "MZXW6Y==", "not in the alphabet"),
            (.uppercase, "M", "is not a length"),
            (.uppercase, "MZX", "is not a length"),
            (.uppercase, ".MF2XI", "is not a length"),
            (.uppercase, ".MF2XI2B", "not in the alphabet"),
            (.lowercase, "mzxw 6yq", "not in the alphabet"),
            (.lowercase, "my\u{e9}", "not in the alphabet"),
        ]
        for (base, text, reason) in bad {
            let error = #expect(throws: MultiformatsError.self, "\(text)") { try base.decode(text) }
            #expect(error?.kind == .invalidEncoding)
            #expect(error?.message.contains(reason) == true, "\(text): \(error?.message ?? "")")
        }
    }

    @Test func rejectsNonZeroTrailingBits() throws {
        // "MY" is 'f'; "MZ" differs only in the two unused low bits, so it is not canonical.
        #expect(try Base32.uppercase.decode("MY") == [0x66])
        let error = #expect(throws: MultiformatsError.self) { try Base32.uppercase.decode("MZ") }
        #expect(error?.message.contains("non-zero unused bits") == true)
    }

    @Test func roundTripsAllLengths() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            for base in [Base32.lowercase, Base32.uppercase] {
                let text = base.encode(bytes)
                #expect(text.utf8.count == Base32.encodedLength(length))
                #expect(try base.decode(text) == bytes)
            }
        }
    }
}
