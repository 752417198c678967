import Multiformats
import Testing

@Suite("Hex (base16)")
struct HexTests {
    @Test("Round trip, either case on input, spaces between digits ignored")
    func roundTrip() throws {
        let bytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xAB, 0xFF]
        #expect(Hex.encode(bytes) == "00017f80abff")
        #expect(try Hex.decode("00017f80abff") == bytes)
        #expect(try Hex.decode("00 01 7F 80 AB ff") == bytes)
        #expect(try Hex.decode("").isEmpty)
    }

    @Test("Bad input is an error naming the character and its offset, or the odd length", arguments: [
        ("0g", "invalid hex: character 'g' at offset 1"),
        ("abc", "invalid hex: odd number of digits"),
        ("a\n", "invalid hex: character 0xa at offset 1"),
        ("0x12", "invalid hex: character 'x' at offset 1"),
    ])
    func errors(_ text: String, _ message: String) {
        let error = #expect(throws: MultiformatsError.self) { try Hex.decode(text) }
        #expect(error?.kind == .invalidEncoding)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}
