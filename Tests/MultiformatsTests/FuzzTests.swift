import Multiformats
import Testing

/// 20,000 random and mutated inputs into every parser: each must throw a ``MultiformatsError`` or succeed,
/// never trap, and whatever succeeds must survive a round trip through its canonical form. The generator is
/// seeded, so a failure names the seed and iteration that reproduce it.
@Suite struct FuzzTests {
    static let iterations = 20_000

    // MARK: Binary parsers

    @Test func varint() throws {
        var fuzz = Fuzzer(seed: 1, corpus: [[0x00], [0x7F], [0xAC, 0x02], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]])
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            if let (value, length) = try? Varint.decode(input) {
                #expect(Varint.encode(value) == Array(input.prefix(length)), "seed 1 #\(iteration) \(input)")
            }
        }
    }

    @Test func multihash() throws {
        var fuzz = Fuzzer(seed: 2, corpus: [
            Multihash.sha2_256(of: [1]).bytes, Multihash.blake2b256(of: [2]).bytes, Multihash.identity([3, 4]).bytes,
        ])
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            if let hash = try? Multihash(bytes: input) {
                #expect(hash.bytes == input, "seed 2 #\(iteration)")
            }
        }
    }

    @Test func cidBinary() throws {
        var fuzz = Fuzzer(seed: 3, corpus: [
            CID.dagCBORBlake2b256(of: [0x80]).bytes, try CID("QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL").bytes,
            CID(codec: .libp2pKey, multihash: .identity([8, 1])).bytes,
        ])
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            if let cid = try? CID(bytes: input) {
                #expect(cid.bytes == input, "seed 3 #\(iteration)")
                #expect(try CID(cid.description) == cid, "seed 3 #\(iteration)")
            }
        }
    }

    @Test func protobufReader() throws {
        var fuzz = Fuzzer(seed: 4, corpus: [
            TestHex.decode(Libp2pKeyTests.specPrivateKey), TestHex.decode("089601 4901020304050607 08 12026869 55 0a0b0c0d"),
        ])
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            guard let fields = try? Self.readAll(input) else { continue }
            #expect(try Self.readAll(Self.encode(fields)) == fields, "seed 4 #\(iteration)")
        }
    }

    @Test func libp2pKeysAndPeerIDBinary() throws {
        let key = try Libp2pPrivateKey(seed: [UInt8](repeating: 7, count: 32))
        var fuzz = Fuzzer(seed: 5, corpus: [key.marshaled, key.publicKey.marshaled, key.peerID.bytes])
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            if let publicKey = try? Libp2pPublicKey(marshaled: input) {
                #expect(try Libp2pPublicKey(marshaled: publicKey.marshaled) == publicKey, "seed 5 #\(iteration)")
            }
            if let privateKey = try? Libp2pPrivateKey(marshaled: input) {
                #expect(try Libp2pPrivateKey(marshaled: privateKey.marshaled).seed == privateKey.seed, "seed 5 #\(iteration)")
            }
            if let peer = try? PeerID(bytes: input) {
                #expect(peer.bytes == input, "seed 5 #\(iteration)")
                #expect(try PeerID(peer.description) == peer, "seed 5 #\(iteration)")
                _ = try? peer.extractPublicKey()
            }
        }
    }

    @Test func multiaddrBinary() throws {
        var fuzz = Fuzzer(seed: 6, corpus: try [
            "/ip4/127.0.0.1/tcp/24001/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",
            "/ip6/2001:db8::1/udp/443/quic-v1", "/dns4/example.com/tcp/443/tls/sni/example.com/http/http-path/a%2Fb",
            "/unix/tmp/sock", "/dnsaddr/x.io/p2p-circuit/ws/wss/https",
        ].map { try Multiaddr($0).bytes })
        for iteration in 0..<Self.iterations {
            let input = fuzz.nextBytes()
            if let address = try? Multiaddr(bytes: input) {
                #expect(address.bytes == input, "seed 6 #\(iteration)")
                #expect(try Multiaddr(address.description) == address, "seed 6 #\(iteration) \(address)")
            }
        }
    }

    // MARK: Text parsers

    @Test func base32AndBase58() throws {
        var fuzz = Fuzzer(seed: 7, corpus: ["mzxw6ytboi", "MZXW6YTBOI", "2NEpo7TZRRrLZSi2U", "11233QC4"].map { Array($0.utf8) })
        fuzz.alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=+/ ".utf8)
        for iteration in 0..<Self.iterations {
            let text = fuzz.nextText()
            for base in [Base32.lowercase, Base32.uppercase] {
                if let bytes = try? base.decode(text) {
                    #expect(base.encode(bytes) == text, "seed 7 #\(iteration)")
                }
            }
            if let bytes = try? Base58.decode(text) {
                #expect(Base58.encode(bytes) == text, "seed 7 #\(iteration)")
            }
        }
    }

    @Test func cidAndPeerIDText() throws {
        var fuzz = Fuzzer(seed: 8, corpus: [
            "bafy2bzaceamp42wmmgr2g2ymg46euououzfyck7szknvfacqscohrvaikwfay", "QmRgutAxd8t7oGkSm4wmeuByG6M51wcTso6cubDdQtuEfL",
            "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", "k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
            "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6",
        ].map { Array($0.utf8) })
        fuzz.alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789Qmbzk".utf8)
        for iteration in 0..<Self.iterations {
            let text = fuzz.nextText()
            if let cid = try? CID(text) {
                #expect(try CID(cid.description) == cid, "seed 8 #\(iteration) \(text)")
                #expect(try CID(bytes: cid.bytes) == cid, "seed 8 #\(iteration)")
            }
            if let peer = try? PeerID(text) {
                #expect(try PeerID(peer.description) == peer, "seed 8 #\(iteration) \(text)")
                #expect(try PeerID(peer.cid.description) == peer, "seed 8 #\(iteration)")
            }
        }
    }

    @Test func multiaddrText() throws {
        var fuzz = Fuzzer(seed: 9, corpus: [
            "/ip4/127.0.0.1/tcp/24001/p2p/12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", "/ip6/::ffff:1.2.3.4/udp/1/quic-v1",
            "/ip6/2001:db8::1/tcp/80/tls/sni/a.b/http/http-path/x%2Fy", "/unix/a/b", "/dns6/h/udp/5/p2p-circuit/ws",
            "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/wss/https",
        ].map { Array($0.utf8) })
        fuzz.alphabet = Array("/ip46tcudpnsaxlhqv-:.%+0123456789abcdefABCDEF QmK".utf8)
        for iteration in 0..<Self.iterations {
            let text = fuzz.nextText()
            if let address = try? Multiaddr(text) {
                #expect(try Multiaddr(address.description) == address, "seed 9 #\(iteration) \(text)")
                #expect(try Multiaddr(bytes: address.bytes) == address, "seed 9 #\(iteration) \(text)")
            }
        }
    }

    // MARK: Helpers

    private static func readAll(_ bytes: [UInt8]) throws -> [ProtobufReader.Field] {
        var reader = try ProtobufReader(bytes)
        var fields: [ProtobufReader.Field] = []
        while let field = try reader.next() { fields.append(field) }
        return fields
    }

    /// Re-encodes fields in their original order (which ProtobufWriter would refuse when out of order).
    private static func encode(_ fields: [ProtobufReader.Field]) -> [UInt8] {
        var out: [UInt8] = []
        for field in fields {
            switch field.value {
            case .varint(let value):
                Varint.append(UInt64(field.number) << 3, to: &out)
                Varint.append(value, to: &out)
            case .fixed64(let value):
                Varint.append(UInt64(field.number) << 3 | 1, to: &out)
                out += (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64($0 * 8)) }
            case .bytes(let value):
                Varint.append(UInt64(field.number) << 3 | 2, to: &out)
                Varint.append(UInt64(value.count), to: &out)
                out += value
            case .fixed32(let value):
                Varint.append(UInt64(field.number) << 3 | 5, to: &out)
                out += (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32($0 * 8)) }
            }
        }
        return out
    }
}

/// Seeded input generator: mutations of a corpus (flip, insert, delete, truncate, splice, duplicate) and
/// fresh random inputs.
struct Fuzzer {
    private var state: UInt64
    private let corpus: [[UInt8]]
    /// Bytes used for insertions and random inputs in text mode.
    var alphabet: [UInt8] = []

    init(seed: UInt64, corpus: [[UInt8]]) {
        state = seed &* 0x9E37_79B9_7F4A_7C15
        self.corpus = corpus
    }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    private mutating func randomByte() -> UInt8 {
        alphabet.isEmpty ? UInt8(truncatingIfNeeded: next()) : alphabet[below(alphabet.count)]
    }

    /// A random or mutated input.
    mutating func nextBytes() -> [UInt8] {
        if below(5) == 0 || corpus.isEmpty {
            return (0..<below(48)).map { _ in randomByte() }
        }
        var bytes = corpus[below(corpus.count)]
        for _ in 0...below(3) {
            switch below(6) {
            case 0 where !bytes.isEmpty:
                let index = below(bytes.count)
                bytes[index] = alphabet.isEmpty ? bytes[index] ^ UInt8(1 << below(8)) : randomByte()
            case 1:
                bytes.insert(randomByte(), at: below(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                bytes.remove(at: below(bytes.count))
            case 3:
                bytes = Array(bytes.prefix(below(bytes.count + 1)))
            case 4:
                let other = corpus[below(corpus.count)]
                bytes = Array(bytes.prefix(below(bytes.count + 1))) + other.suffix(below(other.count + 1))
            default:
                if !bytes.isEmpty {
                    let index = below(bytes.count)
                    bytes.insert(contentsOf: bytes[index...].prefix(4), at: index)
                }
            }
        }
        return bytes
    }

    /// A random or mutated string (invalid UTF-8 is repaired by decoding).
    mutating func nextText() -> String {
        String(decoding: nextBytes(), as: UTF8.self)
    }
}
