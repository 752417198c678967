import Multiformats
import Testing

/// Vectors cross-checked with Python's `base58` package and the multibase spec ("yes mani !").
@Suite struct Base58Tests {
    let vectors: [(String, String)] = [
        ("", ""), ("00", "1"), ("0000", "11"), ("00000001", "1112"),
        ("48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"),   // "Hello World!"
        ("0000287fb4cd", "11233QC4"),
        ("796573206d616e692021", "7paNL19xttacUY"),          // multibase: z7paNL19xttacUY
        ("ffffffffffffffff", "jpXCZedGfVQ"),
    ]

    @Test func encodesAndDecodesVectors() throws {
        for (hex, text) in vectors {
            #expect(Base58.encode(TestHex.decode(hex)) == text, "\(hex)")
            #expect(try Base58.decode(text) == TestHex.decode(hex), "\(text)")
        }
    }

    @Test func decodesACIDv0Multihash() throws {
        let bytes = try Base58.decode("QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL")
        #expect(TestHex.encode(bytes) == "122031c3d57080d8463a3c63b2923df5a1d40ad7a73eae5a14af584213e5f504ac33")
    }

    @Test func rejectsCharactersOutsideTheAlphabet() {
        for text in ["0", "O", "I", "l", "abc+", "12 3", "é"] {
            let error = #expect(throws: MultiformatsError.self, "\(text)") { try Base58.decode(text) }
            #expect(error?.kind == .invalidEncoding)
        }
        let long = String(repeating: "2", count: Base58.maxDecodeLength + 1)
        #expect(throws: MultiformatsError.self) { try Base58.decode(long) }
    }

    @Test func roundTripsRandomBytesWithLeadingZeros() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<60 {
            let zeros = Int.random(in: 0...3, using: &generator)
            let bytes = [UInt8](repeating: 0, count: zeros)
                + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try Base58.decode(Base58.encode(bytes)) == bytes)
        }
    }
}
