import NIOCore
import NIOEmbedded
import Testing

@testable import MultistreamSelect

/// The channel handler on EmbeddedChannels: negotiation, pipelined bytes, late configuration, failures.
@Suite("multistream-select channel handler")
struct MultistreamSelectHandlerTests {
    @Test("initiator and responder channels agree after an na, and both handlers leave the pipeline")
    func twoChannels() throws {
        let dialer = EmbeddedChannel(), listener = EmbeddedChannel()
        let dialed = dialer.eventLoop.makePromise(of: String.self)
        let accepted = listener.eventLoop.makePromise(of: String.self)
        try dialer.pipeline.syncOperations.addHandler(
            MultistreamSelectHandler(proposing: ["/yamux/1.0.0", "/mplex/6.7.0"], negotiated: dialed))
        try listener.pipeline.syncOperations.addHandler(MultistreamSelectHandler(supporting: ["/mplex/6.7.0"], negotiated: accepted))
        try activate(dialer, listener)
        try shuttle(dialer, listener)

        #expect(try dialed.futureResult.settled() == "/mplex/6.7.0")
        #expect(try accepted.futureResult.settled() == "/mplex/6.7.0")
        #expect(throws: (any Error).self) { try dialer.pipeline.syncOperations.handler(type: MultistreamSelectHandler.self) }
        #expect(throws: (any Error).self) { try listener.pipeline.syncOperations.handler(type: MultistreamSelectHandler.self) }
        #expect(dialer.isActive && listener.isActive)
    }

    @Test("data pipelined in the same read as the proposal reaches the next handler, in order")
    func pipelinedBytesSurvive() throws {
        let listener = EmbeddedChannel()
        let accepted = listener.eventLoop.makePromise(of: String.self)
        try listener.pipeline.syncOperations.addHandler(MultistreamSelectHandler(supporting: ["/echo/1.0.0"], negotiated: accepted))
        try activate(listener)
        _ = try listener.readOutbound(as: ByteBuffer.self)  // our header

        var burst = MultistreamMessage.encode("/multistream/1.0.0")
        MultistreamMessage.write("/echo/1.0.0", into: &burst)
        burst.writeString("first payload bytes")
        try listener.writeInbound(burst)
        try listener.writeInbound(ByteBuffer(string: " and the next read"))

        #expect(try accepted.futureResult.settled() == "/echo/1.0.0")
        #expect(try listener.readOutbound(as: ByteBuffer.self).map(hex) == hex(MultistreamMessage.encode("/echo/1.0.0")))
        var payload = ByteBuffer()
        while var chunk = try listener.readInbound(as: ByteBuffer.self) { payload.writeBuffer(&chunk) }
        #expect(payload.readString(length: payload.readableBytes) == "first payload bytes and the next read")
    }

    @Test("configure: bytes arriving while the protocol's handlers are being added wait for them")
    func lateConfiguration() throws {
        let listener = EmbeddedChannel()
        let accepted = listener.eventLoop.makePromise(of: String.self)
        let ready = listener.eventLoop.makePromise(of: Void.self)
        let collector = Collector()
        let configure: MultistreamSelectHandler.Configure = { _, channel in
            ready.futureResult.flatMap { channel.pipeline.addHandler(collector) }
        }
        try listener.pipeline.syncOperations.addHandler(
            MultistreamSelectHandler(supporting: ["/ping/1.0.0"], negotiated: accepted, configure: configure))
        try activate(listener)

        var burst = MultistreamMessage.encode("/multistream/1.0.0")
        MultistreamMessage.write("/ping/1.0.0", into: &burst)
        burst.writeString("AAAA")
        try listener.writeInbound(burst)
        try listener.writeInbound(ByteBuffer(string: "BBBB"))
        #expect(collector.received == "", "nothing delivered before the handler is in place")
        #expect(try listener.readInbound(as: ByteBuffer.self) == nil, "nothing leaked past the pipeline either")

        ready.succeed()
        #expect(try accepted.futureResult.settled() == "/ping/1.0.0")
        try listener.writeInbound(ByteBuffer(string: "CCCC"))
        #expect(collector.received == "AAAABBBBCCCC")
    }

    @Test("garbage instead of a header fails the promise and closes the connection")
    func garbageCloses() throws {
        let listener = EmbeddedChannel()
        let accepted = listener.eventLoop.makePromise(of: String.self)
        try listener.pipeline.syncOperations.addHandler(MultistreamSelectHandler(supporting: ["/a"], negotiated: accepted))
        try activate(listener)
        // 'G' reads as a 71-byte length; the next 71 bytes end in "\n": a message, but not our header.
        _ = try? listener.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n\r\n"))
        do {
            _ = try accepted.futureResult.settled()
            Issue.record("an HTTP request must fail the negotiation")
        } catch let error as MultistreamError {
            #expect(error.kind == .versionMismatch)
        }
        #expect(!listener.isActive)

        let second = EmbeddedChannel()
        let failed = second.eventLoop.makePromise(of: String.self)
        try second.pipeline.syncOperations.addHandler(MultistreamSelectHandler(supporting: ["/a"], negotiated: failed))
        try activate(second)
        _ = try? second.writeInbound(ByteBuffer(bytes: [0xff, 0xff, 0xff, 0x0f]))
        do {
            _ = try failed.futureResult.settled()
            Issue.record("an oversized length must fail")
        } catch let error as MultistreamError {
            #expect(error.kind == .messageTooLong)
        }
        #expect(!second.isActive)
    }

    @Test("a silent peer hits the timeout; a closed connection fails the promise")
    func timeoutAndClose() throws {
        let loop = EmbeddedEventLoop()
        let silent = EmbeddedChannel(loop: loop)
        let timedOut = loop.makePromise(of: String.self)
        try silent.pipeline.syncOperations.addHandler(
            MultistreamSelectHandler(proposing: ["/a"], timeout: .seconds(5), negotiated: timedOut))
        try activate(silent)
        loop.advanceTime(by: .seconds(6))
        do {
            _ = try timedOut.futureResult.settled()
            Issue.record("expected a timeout")
        } catch let error as MultistreamError {
            #expect(error.kind == .timeout)
        }
        #expect(!silent.isActive)

        let closing = EmbeddedChannel()
        let closed = closing.eventLoop.makePromise(of: String.self)
        try closing.pipeline.syncOperations.addHandler(MultistreamSelectHandler(proposing: ["/a"], negotiated: closed))
        try activate(closing)
        try closing.close().wait()
        do {
            _ = try closed.futureResult.settled()
            Issue.record("expected connectionClosed")
        } catch let error as MultistreamError {
            #expect(error.kind == .connectionClosed)
        }
    }
}

/// Collects the text of every read (test-only; it lives on one EmbeddedChannel's loop).
final class Collector: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: only touched from the EmbeddedEventLoop's thread, which is the test's thread.
    typealias InboundIn = ByteBuffer
    var received = ""
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readString(length: buffer.readableBytes) ?? ""
    }
}

func activate(_ channels: EmbeddedChannel...) throws {
    for channel in channels {
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
    }
}

/// Moves bytes between two EmbeddedChannels until neither has anything left to send.
func shuttle(_ a: EmbeddedChannel, _ b: EmbeddedChannel) throws {
    var moved = true
    while moved {
        moved = false
        while let out = try a.readOutbound(as: ByteBuffer.self) {
            try b.writeInbound(out)
            moved = true
        }
        while let out = try b.readOutbound(as: ByteBuffer.self) {
            try a.writeInbound(out)
            moved = true
        }
    }
}
