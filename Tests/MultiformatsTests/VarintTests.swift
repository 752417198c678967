import Multiformats
import Testing

/// Vectors from the multiformats unsigned-varint spec (github.com/multiformats/unsigned-varint README).
@Suite struct VarintTests {
    let specVectors: [(UInt64, [UInt8])] = [
        (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (255, [0xFF, 0x01]), (300, [0xAC, 0x02]),
        (16384, [0x80, 0x80, 0x01]),
    ]

    @Test func encodesAndDecodesSpecVectors() throws {
        for (value, bytes) in specVectors {
            #expect(Varint.encode(value) == bytes, "encode \(value)")
            #expect(Varint.encodedLength(value) == bytes.count)
            let decoded = try Varint.decode(bytes)
            #expect(decoded.value == value && decoded.length == bytes.count, "decode \(bytes)")
        }
        #expect(Varint.encode(0) == [0x00])
        #expect(try Varint.decode([0x00]) == (0, 1))
    }

    @Test func decodesOnlyThePrefixAndReportsItsLength() throws {
        var bytes: [UInt8] = [0x12]
        Varint.append(0xb220, to: &bytes)  // blake2b-256 multihash code
        bytes.append(0x20)
        #expect(bytes == [0x12, 0xA0, 0xE4, 0x02, 0x20])
        let code = try Varint.decode(bytes.dropFirst())
        #expect(code.value == 0xb220 && code.length == 3)
        // A slice keeps its own indices; decoding must not assume they start at zero.
        let tail = try Varint.decode(bytes[4...])
        #expect(tail.value == 0x20 && tail.length == 1)
    }

    @Test func largestValueTakesNineBytes() throws {
        let bytes = Varint.encode(Varint.maxValue)
        #expect(bytes == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(try Varint.decode(bytes) == (Varint.maxValue, 9))
    }

    @Test func valuesAbove63BitsEncodeAsTenBytesButDoNotDecode() {
        let bytes = Varint.encode(UInt64.max)
        #expect(bytes.count == 10 && Varint.encodedLength(.max) == 10)
        let error = #expect(throws: MultiformatsError.self) { try Varint.decode(bytes) }
        #expect(error?.kind == .invalidVarint)
    }

    @Test func rejectsNonMinimalEncodings() {
        for bytes: [UInt8] in [[0x81, 0x00], [0x80, 0x00], [0xFF, 0x80, 0x00], [0xAC, 0x82, 0x00]] {
            let error = #expect(throws: MultiformatsError.self, "\(bytes)") { try Varint.decode(bytes) }
            #expect(error?.kind == .invalidVarint)
            #expect(error?.message.contains("not minimally encoded") == true)
        }
    }

    @Test func rejectsMoreThanNineBytesEvenBeforeTheEnd() {
        let tooLong: [UInt8] = Array(repeating: 0x80, count: 9) + [0x01]
        let error = #expect(throws: MultiformatsError.self) { try Varint.decode(tooLong) }
        #expect(error?.kind == .invalidVarint)
        // Nine continuation bytes are already invalid: a stream reader must not wait for a tenth.
        #expect(throws: MultiformatsError.self) { try Varint.decodeIfComplete(Array(repeating: 0x80, count: 9)) }
    }

    @Test func tellsNeedMoreBytesFromInvalid() throws {
        for partial: [[UInt8]] in [[[]], [[0x80]], [[0xAC]], [[0xFF, 0xFF, 0xFF]]] {
            let bytes = partial[0]
            #expect(try Varint.decodeIfComplete(bytes) == nil, "\(bytes) is a prefix")
            let error = #expect(throws: MultiformatsError.self) { try Varint.decode(bytes) }
            #expect(error?.kind == .truncated)
        }
        #expect(try Varint.decodeIfComplete([0xAC, 0x02])?.value == 300)
    }

    @Test func roundTripsEveryBitLength() throws {
        var generator = SystemRandomNumberGenerator()
        for bits in 0...63 {
            // The smallest and a random value with exactly `bits` significant bits (0 for bits == 0).
            let high: UInt64 = bits == 0 ? 0 : 1 << UInt64(bits - 1)
            let low = bits <= 1 ? 0 : UInt64.random(in: 0...UInt64.max, using: &generator) & (high - 1)
            for value in [high, high | low] {
                let bytes = Varint.encode(value)
                #expect(bytes.count == Swift.max(1, (bits + 6) / 7))
                #expect(try Varint.decode(bytes + [0xFF]) == (value, bytes.count))
            }
        }
    }
}
