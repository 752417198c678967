import Crypto
import NIOCore
import NIOEmbedded
import Testing

@testable import Noise

/// The transport phase on EmbeddedChannels, keyed by a real XX handshake between two state machines.
@Suite("Noise transport handler")
struct NoiseTransportHandlerTests {
    /// Two channels whose transport handlers were keyed by one handshake.
    static func pair() throws -> (EmbeddedChannel, EmbeddedChannel) {
        var initiator = NoiseHandshakeState(role: .initiator, staticKey: .init())
        var responder = NoiseHandshakeState(role: .responder, staticKey: .init())
        _ = try responder.readMessage(try initiator.writeMessage())
        _ = try initiator.readMessage(try responder.writeMessage())
        _ = try responder.readMessage(try initiator.writeMessage())
        let (iSend, iReceive) = try initiator.split()
        let (rSend, rReceive) = try responder.split()
        let a = EmbeddedChannel(handler: NoiseTransportHandler(send: iSend, receive: iReceive))
        let b = EmbeddedChannel(handler: NoiseTransportHandler(send: rSend, receive: rReceive))
        for channel in [a, b] {
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
        }
        return (a, b)
    }

    @Test("4 MiB of patterned data crosses intact, framed at ≤ 65535 bytes, one output buffer per write")
    func bulkTransfer() throws {
        let (a, b) = try Self.pair()
        let data = patterned(count: 4 << 20)
        try a.writeOutbound(data)

        let wire = try #require(try a.readOutbound(as: ByteBuffer.self))
        #expect(try a.readOutbound(as: ByteBuffer.self) == nil, "one write, one buffer")
        let frames = (4 << 20 + NoiseTransportHandler.maxPlaintextPerFrame - 1) / NoiseTransportHandler.maxPlaintextPerFrame
        #expect(wire.readableBytes == (4 << 20) + frames * 18)
        var cursor = wire
        var sizes: [Int] = []
        while let length = cursor.readInteger(as: UInt16.self) {
            sizes.append(Int(length))
            cursor.moveReaderIndex(forwardBy: Int(length))
        }
        #expect(sizes.count == frames)
        #expect(sizes.dropLast().allSatisfy { $0 == 65535 })

        // Deliver in awkward pieces so frames straddle reads.
        var remaining = wire
        var received = ByteBuffer()
        var piece = 1
        while remaining.readableBytes > 0 {
            let chunk = remaining.readSlice(length: min(piece, remaining.readableBytes))!
            try b.writeInbound(chunk)
            while var plain = try b.readInbound(as: ByteBuffer.self) { received.writeBuffer(&plain) }
            piece = piece * 3 % 100_003 + 1
        }
        #expect(received == data)
    }

    @Test("both directions, many small writes; an empty write sends nothing")
    func smallWritesBothWays() throws {
        let (a, b) = try Self.pair()
        for index in 0..<100 {
            try a.writeOutbound(ByteBuffer(string: "ping \(index)"))
            try b.writeInbound(try #require(try a.readOutbound(as: ByteBuffer.self)))
            #expect(try b.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "ping \(index)"))
            try b.writeOutbound(ByteBuffer(string: "pong \(index)"))
            try a.writeInbound(try #require(try b.readOutbound(as: ByteBuffer.self)))
            #expect(try a.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "pong \(index)"))
        }
        try a.writeOutbound(ByteBuffer())
        #expect(try a.readOutbound(as: ByteBuffer.self)?.readableBytes ?? 0 == 0)
    }

    @Test("a tampered frame closes the connection and nothing after it is delivered")
    func tamperedFrameCloses() throws {
        let (a, b) = try Self.pair()
        try a.writeOutbound(ByteBuffer(string: "genuine"))
        try a.writeOutbound(ByteBuffer(string: "will be tampered"))
        try a.writeOutbound(ByteBuffer(string: "after"))
        let first = try #require(try a.readOutbound(as: ByteBuffer.self))
        var second = try #require(try a.readOutbound(as: ByteBuffer.self))
        let third = try #require(try a.readOutbound(as: ByteBuffer.self))
        second.setInteger(second.getInteger(at: 5, as: UInt8.self)! ^ 0x01, at: 5)

        try b.writeInbound(first)
        #expect(try b.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "genuine"))
        _ = try? b.writeInbound(second)
        #expect(!b.isActive, "closed on the bad frame")
        _ = try? b.writeInbound(third)
        #expect(try b.readInbound(as: ByteBuffer.self) == nil)
    }

    @Test("a replayed frame fails: the nonce has moved on")
    func replayRejected() throws {
        let (a, b) = try Self.pair()
        try a.writeOutbound(ByteBuffer(string: "once"))
        let frame = try #require(try a.readOutbound(as: ByteBuffer.self))
        try b.writeInbound(frame)
        #expect(try b.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "once"))
        _ = try? b.writeInbound(frame)
        #expect(try b.readInbound(as: ByteBuffer.self) == nil)
        #expect(!b.isActive)
    }
}

/// `count` bytes that differ from position to position, so a lost, repeated or reordered chunk shows.
func patterned(count: Int) -> ByteBuffer {
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        var state: UInt32 = 0x9e37_79b9
        for index in 0..<count {
            state = state &* 1_664_525 &+ 1_013_904_223
            buffer[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        initialized = count
    }
    return ByteBuffer(bytes: bytes)
}
