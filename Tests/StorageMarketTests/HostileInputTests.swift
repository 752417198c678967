import StorageMarket
import Testing

/// Hostile bytes give a thrown error or a value, never a crash: every truncation, a few thousand seeded mutations
/// of every message, and lengths that do not fit.
@Suite("Storage market hostile input")
struct HostileInputTests {
    /// A deterministic xorshift64 generator, so a failing mutation reproduces from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    @Test("every proper prefix: the framer wants more bytes and the decoder throws")
    func truncations() throws {
        for (name, bytes) in try Samples.encodedMessages() {
            for count in 0..<bytes.count {
                let prefix = Array(bytes.prefix(count))
                #expect(try CBORFraming.firstItemLength(prefix) == nil, "\(name) cut at \(count)")
                #expect(throws: WireFormatError.self, "\(name) cut at \(count)") { try Samples.decode(name: name, prefix) }
            }
        }
    }

    @Test("3,000 seeded mutations never trap; what decodes re-encodes to a value that decodes the same")
    func mutations() throws {
        var generator = Generator(seed: 0x5EED_CB0F)
        var decoded = 0
        var refused = 0
        for (name, original) in try Samples.encodedMessages() {
            for _ in 0..<500 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                    case 2: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                    case 3 where bytes.count > 1: bytes.remove(at: index)
                    default: bytes[index] = [0x1B, 0x5B, 0x7B, 0x9B, 0xBB, 0xFF, 0x1F, 0xF6][Int.random(in: 0..<8, using: &generator)]
                    }
                }
                _ = try? CBORFraming.firstItemLength(bytes)
                _ = try? CBORFraming.firstItemLength(bytes, maxDepth: 2, maxItemBytes: 64)
                do {
                    let value = try Samples.decode(name: name, bytes)
                    decoded += 1
                    let again = try Samples.decode(name: name, value.encoded)
                    #expect(again.encoded == value.encoded, "\(name): a decoded mutation did not round-trip")
                } catch is WireFormatError {
                    refused += 1
                }
            }
        }
        #expect(decoded + refused == 3000)
        #expect(refused > 0 && decoded > 0, "decoded \(decoded), refused \(refused)")
    }

    @Test("lengths of 2^64-1 and 2^63 inside a message throw")
    func hugeLengthsInMessages() throws {
        let bytes = Samples.signedResponse.encoded
        // The Message text string ("") sits right after its key; give it an 8-byte length instead.
        let key: [UInt8] = [0x67] + Array("Message".utf8)
        let at = try #require(bytes.firstRange(of: key)).upperBound
        #expect(bytes[at] == 0x60)
        for length: [UInt8] in [[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x80, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF]] {
            var hostile = bytes
            hostile.replaceSubrange(at...at, with: [0x7B] + length)
            #expect(throws: WireFormatError.self) { try SignedDealResponse.decode(hostile) }
            #expect(throws: WireFormatError.self) { try CBORFraming.firstItemLength(hostile) }
        }
    }
}
