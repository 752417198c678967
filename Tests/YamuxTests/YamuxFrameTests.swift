import Multiformats
import NIOCore
import Testing
import Yamux

/// Header vectors: each hex string is `struct.pack("!BBHII", version, type, flags, id, length)`
/// computed with py-libp2p 0.8.1's `YAMUX_HEADER_FORMAT` (libp2p.stream_muxer.yamux), the
/// layout of hashicorp/yamux spec.md "Framing". The first is go-yamux's `TestEncodeDecode` case.
private let headerVectors: [(YamuxFrame, String)] = [
    (YamuxFrame(type: .windowUpdate, flags: [.ack, .rst], streamID: 1234, length: 4321), "0001000a000004d2000010e1"),
    (YamuxFrame(type: .data, flags: .syn, streamID: 1, length: 5), "000000010000000100000005"),
    (YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: 0xDEAD_BEEF), "0002000200000000deadbeef"),
    (YamuxFrame(type: .goAway, streamID: 0, length: 1), "000300000000000000000001"),
    (YamuxFrame(type: .data, flags: .fin, streamID: 0xFFFF_FFFE, length: 0x10000), "00000004fffffffe00010000"),
]

private func bytes(hex: String) -> ByteBuffer {
    ByteBuffer(bytes: try! Hex.decode(hex))  // the test's own vectors
}

private func hex(_ buffer: ByteBuffer) -> String {
    Hex.encode(buffer.readableBytesView)
}

@Suite("Yamux frame header codec")
struct YamuxFrameTests {
    @Test("headers encode to the published byte layout", arguments: 0..<headerVectors.count)
    func encodes(_ index: Int) {
        let (frame, expected) = headerVectors[index]
        var buffer = ByteBuffer()
        frame.write(to: &buffer)
        #expect(hex(buffer) == expected)
    }

    @Test("headers decode back to the same fields", arguments: 0..<headerVectors.count)
    func decodes(_ index: Int) throws {
        let (frame, encoded) = headerVectors[index]
        var buffer = bytes(hex: encoded)
        let decoded = try YamuxFrame.read(from: &buffer)
        #expect(decoded == frame)
        #expect(buffer.readableBytes == 0)
    }

    @Test("a partial header is left in the buffer until the rest arrives")
    func partialHeader() throws {
        var buffer = bytes(hex: "0001000a000004d20000")
        #expect(try YamuxFrame.read(from: &buffer) == nil)
        #expect(buffer.readableBytes == 10)
        buffer.writeBytes([0x10, 0xE1])
        #expect(try YamuxFrame.read(from: &buffer) == headerVectors[0].0)
    }

    @Test(
        "malformed headers are protocol violations",
        arguments: [
            ("010000010000000100000005", "version"),  // version 1
            ("000400000000000000000000", "unknown type"),  // type 4
            ("000000100000000100000005", "undefined flag"),  // flag 0x10
            ("000000000000000000000005", "stream 0"),  // data on stream 0
            ("000100010000000000000000", "stream 0"),  // window update on stream 0
            ("000200010000000500000000", "stream ID 5"),  // ping on a stream
            ("000200030000000000000000", "exactly SYN"),  // ping with SYN|ACK
            ("000200000000000000000000", "exactly SYN"),  // ping with no flag
            ("000300000000000300000000", "stream ID 3"),  // go-away on a stream
            ("0000000000000001ffffffff", "more than the largest window"),  // 4 GiB data frame
        ])
    func rejects(_ encoded: String, _ reason: String) {
        var buffer = bytes(hex: encoded)
        #expect {
            try YamuxFrame.read(from: &buffer, maxDataLength: 16 << 20)
        } throws: { error in
            guard let error = error as? YamuxError else { return false }
            return error.kind == .protocolViolation && error.message.contains(reason)
        }
    }

    @Test("flags and types print readably in log lines")
    func descriptions() {
        #expect(YamuxFrame.Flags([.syn, .ack]).description == "SYN|ACK")
        #expect(YamuxFrame.Flags(rawValue: 0x14).description == "FIN|0x10")
        #expect(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 7).description == "ping flags=SYN stream=0 length=7")
        #expect(YamuxGoAwayCode.protocolError.description == "protocol error")
    }
}
