import Multiformats
import Testing

/// BLAKE2b against RFC 7693 Appendix A, the Filecoin address examples, the official BLAKE2 keyed KAT
/// (blake2b-kat.txt) and a table generated with Python's hashlib (``BLAKE2bVectors``).
@Suite struct BLAKE2bTests {
    let abc = Array("abc".utf8)

    @Test func rfc7693AppendixA() {
        #expect(hex(BLAKE2b.hash(abc, digestLength: 64)) == """
            ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
            7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
            """)
    }

    @Test func digestLengthIsAParameterNotATruncation() {
        // Filecoin: address payloads are blake2b-160, checksums blake2b-32 (formats-and-peers.md §4).
        #expect(hex(BLAKE2b.hash(abc, digestLength: 20)) == "384264f676f39536840523f284921cdc68b6846b")
        #expect(hex(BLAKE2b.hash(abc, digestLength: 4)) == "63906248")
        #expect(hex(BLAKE2b.hash([UInt8](), digestLength: 32))
            == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }

    @Test func officialKeyedKnownAnswers() {
        // blake2b-kat.txt: key = 00…3f, input = 00…(n-1), BLAKE2b-512.
        let key = BLAKE2bVectors.key(length: 64)
        #expect(hex(BLAKE2b.hash([UInt8](), digestLength: 64, key: key)) == """
            10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786\
            b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568
            """)
        #expect(hex(BLAKE2b.hash((0..<255).map { UInt8($0) }, digestLength: 64, key: key)) == """
            142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248\
            4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461
            """)
    }

    @Test func hashlibTableUnkeyed() {
        #expect(BLAKE2bVectors.unkeyed.count == 48)
        for vector in BLAKE2bVectors.unkeyed {
            let digest = BLAKE2b.hash(BLAKE2bVectors.input(length: vector.length), digestLength: vector.digestLength)
            #expect(hex(digest) == vector.hex, "length \(vector.length), digest \(vector.digestLength)")
        }
    }

    @Test func hashlibTableKeyed() {
        #expect(BLAKE2bVectors.keyed.count == 24)
        for vector in BLAKE2bVectors.keyed {
            let digest = BLAKE2b.hash(
                BLAKE2bVectors.input(length: vector.length), digestLength: vector.digestLength,
                key: BLAKE2bVectors.key(length: vector.keyLength))
            #expect(hex(digest) == vector.hex, "length \(vector.length), key \(vector.keyLength)")
        }
    }

    @Test func incrementalUpdatesMatchOneShotForEverySplit() {
        // Every split point of a 300-byte message, in two and three pieces, around block boundaries.
        let message = BLAKE2bVectors.input(length: 300)
        let expected = BLAKE2b.hash(message, digestLength: 32)
        for first in 0...message.count {
            var hasher = BLAKE2b(digestLength: 32)
            hasher.update(message[..<first])
            let second = min(message.count, first + 128)
            hasher.update(message[first..<second])
            hasher.update(message[second...])
            #expect(hasher.finalize() == expected, "split at \(first), \(second)")
        }
        for vector in BLAKE2bVectors.keyed where vector.keyLength == 32 {
            var hasher = BLAKE2b(digestLength: vector.digestLength, key: BLAKE2bVectors.key(length: 32))
            for byte in BLAKE2bVectors.input(length: vector.length) { hasher.update(CollectionOfOne(byte)) }
            #expect(hex(hasher.finalize()) == vector.hex, "byte by byte, keyed, length \(vector.length)")
        }
    }

    @Test func finalizeLeavesTheHasherUsable() {
        var hasher = BLAKE2b(digestLength: 20)
        hasher.update(Array("ab".utf8))
        let prefix = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(hex(hasher.finalize()) == "384264f676f39536840523f284921cdc68b6846b")
        #expect(prefix == BLAKE2b.hash(Array("ab".utf8), digestLength: 20))
        #expect(hasher.digestLength == 20)
    }

    @Test func nonContiguousInput() {
        // A lazily mapped collection has no contiguous storage; the hasher copies it.
        let lazy = (0..<1000).lazy.map { UInt8($0 % 251) }
        let vector = BLAKE2bVectors.unkeyed.first { $0.length == 1000 && $0.digestLength == 32 }!
        #expect(hex(BLAKE2b.hash(lazy, digestLength: 32)) == vector.hex)
    }

    @Test func oneMebibyte() {
        // hashlib.blake2b(bytes(i % 251 for i in range(1 << 20)), digest_size=32)
        let message = BLAKE2bVectors.input(length: 1 << 20)
        #expect(hex(BLAKE2b.hash(message, digestLength: 32))
            == "8a5a7a9dc3cf203ed374b0a1eea930601ad2acbfe2b4bc62cf83de4ee536528b")
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
