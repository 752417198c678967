import NIOCore
import Testing

@testable import MultistreamSelect

/// The wire format of single messages, checked against the byte strings in the multistream-select README.
@Suite("multistream-select messages")
struct MultistreamMessageTests {
    @Test("encodes the README's examples byte for byte")
    func readmeVectors() {
        // multiformats/multistream-select README.md: "/echo/1.0" → 0a 2f 65 63 68 6f 2f 31 2e 30 0a,
        // "na" → 0x036e610a, "ls" → 0x036c730a; nim-libp2p's MSCodec is "\x13/multistream/1.0.0\n".
        #expect(hex(MultistreamMessage.encode("/echo/1.0")) == "0a2f6563686f2f312e300a")
        #expect(hex(MultistreamMessage.encode("na")) == "036e610a")
        #expect(hex(MultistreamMessage.encode("ls")) == "036c730a")
        #expect(hex(MultistreamMessage.encode(MultistreamMessage.header)) == "13" + hexOf("/multistream/1.0.0\n"))
    }

    @Test("a two-byte length prefix for a 200-byte message")
    func twoByteLength() throws {
        let id = "/" + String(repeating: "x", count: 199)
        var buffer = MultistreamMessage.encode(id)
        #expect(buffer.getBytes(at: 0, length: 2) == [0xc9, 0x01])  // 201 = 0x49 | 0x80, 0x01
        #expect(try MultistreamMessage.readText(from: &buffer, maxLength: 1024) == id)
        #expect(buffer.readableBytes == 0)
    }

    @Test("an incomplete message is left in the buffer until the rest arrives")
    func partialMessage() throws {
        let whole = MultistreamMessage.encode("/noise")
        for cut in 0..<whole.readableBytes {
            var part = whole.getSlice(at: 0, length: cut)!
            #expect(try MultistreamMessage.readText(from: &part, maxLength: 1024) == nil)
            #expect(part.readableBytes == cut, "nothing consumed from a partial message")
        }
        var two = whole
        two.writeImmutableBuffer(whole)
        #expect(try MultistreamMessage.readText(from: &two, maxLength: 1024) == "/noise")
        #expect(try MultistreamMessage.readText(from: &two, maxLength: 1024) == "/noise")
        #expect(two.readableBytes == 0)
    }

    @Test("an oversized length is refused as soon as the prefix is read, before the body")
    func oversized() {
        // 1025 = 0x81 0x08: the body is never sent, the error comes at once.
        var justPrefix = ByteBuffer(bytes: [0x81, 0x08])
        #expect(throws: MultistreamError.self) { try MultistreamMessage.readBody(from: &justPrefix, maxLength: 1024) }
        #expect(kind { var b = ByteBuffer(bytes: [0x81, 0x08]); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1024) } == .messageTooLong)
        // A prefix still going after two bytes can only mean ≥ 16384.
        #expect(kind { var b = ByteBuffer(bytes: [0xff, 0xff]); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1024) } == .messageTooLong)
        // Ten continuation bytes: never an overflow trap.
        #expect(kind { var b = ByteBuffer(bytes: Array(repeating: 0xff, count: 12)); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1 << 40) } == .messageTooLong)
        // Exactly at the limit is fine.
        var atLimit = MultistreamMessage.encode("/" + String(repeating: "a", count: 1022))
        #expect((try? MultistreamMessage.readText(from: &atLimit, maxLength: 1024))??.utf8.count == 1023)
    }

    @Test("malformed messages: no newline, empty, non-minimal prefix, not UTF-8")
    func malformed() {
        #expect(kind { var b = ByteBuffer(bytes: [0x03, 0x6e, 0x61, 0x61]); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1024) } == .malformedMessage)
        #expect(kind { var b = ByteBuffer(bytes: [0x00]); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1024) } == .malformedMessage)
        #expect(kind { var b = ByteBuffer(bytes: [0x83, 0x00, 0x6e, 0x61, 0x0a]); _ = try MultistreamMessage.readBody(from: &b, maxLength: 1024) } == .malformedMessage)
        #expect(kind { var b = ByteBuffer(bytes: [0x03, 0xff, 0xfe, 0x0a]); _ = try MultistreamMessage.readText(from: &b, maxLength: 1024) } == .malformedMessage)
    }

    @Test("protocol ID rules for the local side")
    func protocolIDRules() {
        #expect(kind { try MultistreamProtocolID.validate("/noise") } == nil)
        #expect(kind { try MultistreamProtocolID.validate("noise") } == .invalidProtocolID)
        #expect(kind { try MultistreamProtocolID.validate("") } == .invalidProtocolID)
        #expect(kind { try MultistreamProtocolID.validate("/a\nb") } == .invalidProtocolID)
        #expect(kind { try MultistreamProtocolID.validate("/" + String(repeating: "a", count: 1023)) } == .invalidProtocolID)
        #expect(kind { _ = try MultistreamStateMachine.initiator(proposing: []) } == .invalidProtocolID)
        #expect(kind { _ = try MultistreamStateMachine.responder(supporting: ["/a", "/a"]) } == .invalidProtocolID)
    }

    @Test("ls answers: go's nested form and py-libp2p's lines, both decoded")
    func listFormats() throws {
        let nested = MultistreamProtocolList.encode(["/a", "/bc"], format: .nested)
        #expect(hex(nested) == "032f610a042f62630a")
        let lines = MultistreamProtocolList.encode(["/a", "/bc"], format: .lines)
        #expect(hex(lines) == hexOf("/a\n/bc\n"))
        #expect(try MultistreamProtocolList.decode(nested) == ["/a", "/bc"])
        #expect(try MultistreamProtocolList.decode(lines) == ["/a", "/bc"])
        // py-libp2p writes encode_delim("\n".join(protocols) + "\n"): an extra newline inside is harmless.
        #expect(try MultistreamProtocolList.decode(ByteBuffer(string: "/ipfs/id/1.0.0\n/ipfs/ping/1.0.0\n")) == ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"])
        #expect(kind { _ = try MultistreamProtocolList.decode(ByteBuffer(bytes: [0xff, 0x00, 0x41])) } == .malformedMessage)
    }
}

/// The error kind thrown by `body`, or nil if it did not throw.
func kind(_ body: () throws -> Void) -> MultistreamError.Kind? {
    do {
        try body()
        return nil
    } catch let error as MultistreamError {
        return error.kind
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

func hex(_ buffer: ByteBuffer) -> String {
    hex(Array(buffer.readableBytesView))
}

func hexOf(_ text: String) -> String {
    hex(Array(text.utf8))
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
}
