import Multiformats
import NIOCore
import NIOEmbedded
import Synchronization
import TestScheduling
import Testing
import Yamux

/// The server session's end, checked after a violation: it failed with `kind` and a message
/// containing `phrase` (the same text is logged).
private func expectClosed(_ session: YamuxSession, _ kind: YamuxError.Kind, _ phrase: String) async throws {
    let reason = try await within(.seconds(10), "the session to end") {
        do {
            try await session.closeFuture.get()
            return nil as YamuxError?
        } catch let error as YamuxError {
            return error
        }
    }
    #expect(reason?.kind == kind)
    #expect(reason?.message.contains(phrase) == true, "close reason: \(reason?.message ?? "none")")
}

private let goAwayProtocolError = YamuxFrame(type: .goAway, streamID: 0, length: YamuxGoAwayCode.protocolError.rawValue)

@Suite("Yamux hostile and broken peers", .timeLimit(TestTime.limit(minutes: 5)))
struct YamuxHostileInputTests {
    @Test(
        "garbage headers get go-away (protocol error) and the connection is closed",
        arguments: [
            ("010000010000000100000000", "version 1"),
            ("000700000000000100000000", "unknown type 7"),
            ("000000200000000100000000", "undefined flag bits"),
            ("000000000000000000000003", "reserved for the session"),
            ("000200010000000900000000", "pings must use stream 0"),
            ("474554202f20485454502f312e310d0a", "version 71"),  // "GET / HTTP/1.1\r\n"
        ])
    func garbage(_ hex: String, _ phrase: String) async throws {
        let server = try await YamuxServer.start()
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(ByteBuffer(bytes: try Hex.decode(hex)))
        try await peer.waitForClose()
        #expect(peer.frames == [goAwayProtocolError])
        try await expectClosed(session, .protocolViolation, phrase)
        await server.stop()
    }

    @Test("data beyond the granted window gets go-away (protocol error)")
    func windowViolation() async throws {
        let inbox = Inbox()  // holds the stream: a released stream would be reset, and data for it ignored
        let server = try await YamuxServer.start(inbound: inbox.handler)
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 1, length: 0))
        let window = Int(YamuxConfiguration.specInitialWindow)
        try await peer.send(
            YamuxFrame(type: .data, streamID: 1, length: UInt32(window - 10)), payload: ByteBuffer(repeating: 1, count: window - 10))
        try await peer.send(YamuxFrame(type: .data, streamID: 1, length: 11), payload: ByteBuffer(repeating: 2, count: 11))
        try await peer.waitForClose()
        #expect(peer.frames.last == goAwayProtocolError)
        try await expectClosed(session, .protocolViolation, "window exceeded")
        await server.stop()
    }

    @Test("a data header announcing more than the largest window is refused before its payload")
    func oversizedLength() async throws {
        let server = try await YamuxServer.start()
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(YamuxFrame(type: .data, flags: .syn, streamID: 1, length: 64 << 20))
        try await peer.waitForClose()
        #expect(peer.frames == [goAwayProtocolError])
        try await expectClosed(session, .protocolViolation, "more than the largest window")
        await server.stop()
    }

    @Test("a second SYN for an open stream gets go-away (protocol error)")
    func duplicateSyn() async throws {
        let inbox = Inbox()
        let server = try await YamuxServer.start(inbound: inbox.handler)
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 1, length: 0))
        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 1, length: 0))
        try await peer.waitForClose()
        #expect(peer.frames.last == goAwayProtocolError)
        try await expectClosed(session, .protocolViolation, "opened stream 1 again")
        await server.stop()
    }

    @Test("a SYN with this side's parity (both think they are client) is a protocol error")
    func wrongParity() async throws {
        let server = try await YamuxServer.start()
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 2, length: 0))
        try await peer.waitForClose()
        #expect(peer.frames == [goAwayProtocolError])
        try await expectClosed(session, .protocolViolation, "reserved for this side")
        await server.stop()
    }

    @Test("data for a stream that does not exist is answered with RST; the session carries on")
    func unknownStream() async throws {
        let server = try await YamuxServer.start()
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.send(YamuxFrame(type: .data, streamID: 7, length: 3), payload: ByteBuffer(string: "abc"))
        try await peer.send(YamuxFrame(type: .windowUpdate, streamID: 9, length: 100))  // late update: ignored
        try await peer.send(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 42))
        try await eventually("the ping is answered") { peer.frames.count == 2 }
        #expect(
            peer.frames == [
                YamuxFrame(type: .windowUpdate, flags: .rst, streamID: 7, length: 0),
                YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: 42),
            ])
        #expect(!peer.isClosed)
        #expect(session.openStreamCount == 0)
        await peer.close()
        await server.stop()
    }

    @Test(
        "a flood of SYNs: streams beyond the limits are reset and memory stays bounded",
        arguments: [
            quietConfiguration { $0.maxInboundStreams = 10 },
            quietConfiguration { $0.maxPendingInboundStreams = 10 },
        ])
    func synFlood(_ configuration: YamuxConfiguration) async throws {
        let held = Locked<[YamuxStream]>([])
        let server = try await YamuxServer.start(configuration: configuration) { stream in held.withLock { $0.append(stream) } }
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        var flood = ByteBuffer()
        for index in 0..<500 {
            YamuxFrame(type: .windowUpdate, flags: .syn, streamID: UInt32(2 * index + 1), length: 0).write(to: &flood)
        }
        YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 1).write(to: &flood)
        try await peer.send(flood)
        try await eventually("the flood is answered") { peer.frames.last?.type == .ping }
        let resets = peer.frames.filter { $0.flags == .rst }.map(\.streamID)
        let refused: [UInt32] = (10..<500).map { (index: Int) -> UInt32 in UInt32(2 * index + 1) }
        #expect(resets == refused)
        #expect(session.inboundStreamCount == 10)
        #expect(held.withLock { $0.count } == 10)
        #expect(!peer.isClosed)
        held.withLock { $0.removeAll() }
        await peer.close()
        await server.stop()
    }

    @Test("after go-away, a peer that still opens streams gets RST")
    func synAfterGoAway() async throws {
        let server = try await YamuxServer.start()
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        await session.goAway()
        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 1, length: 0))
        try await eventually("the SYN is refused") { peer.frames.count == 2 }
        #expect(
            peer.frames == [
                YamuxFrame(type: .goAway, streamID: 0, length: 0),
                YamuxFrame(type: .windowUpdate, flags: .rst, streamID: 1, length: 0),
            ])
        await peer.close()
        await server.stop()
    }

    @Test("window updates follow consumption: ACK on first read, then credit after half a window")
    func windowUpdatesFollowReads() async throws {
        let inbox = Inbox()
        let server = try await YamuxServer.start(inbound: inbox.handler)
        let peer = try await RawPeer.connect(port: server.port)
        _ = try await server.nextSession()
        let window = Int(YamuxConfiguration.specInitialWindow)
        let pong = YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: 9)
        try await peer.send(
            YamuxFrame(type: .data, flags: .syn, streamID: 1, length: UInt32(window)),
            payload: Pattern.bytes(seed: 1, offset: 0, count: window))
        try await peer.send(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 9))
        let stream = try await inbox.next()
        #expect(stream.isInbound)
        try await eventually("the ping is answered") { !peer.frames.isEmpty }
        #expect(peer.frames == [pong], "nothing is acknowledged or credited before the application reads")

        var consumed = 0
        while consumed < window {
            let chunk = try #require(try await stream.read())
            #expect(Pattern.matches(chunk, seed: 1, offset: consumed))
            consumed += chunk.readableBytes
        }
        let updates: @Sendable () -> [YamuxFrame] = { peer.frames.filter { $0 != pong } }
        try await eventually("a window update with at least half the window came back") {
            updates().reduce(0) { $0 + Int($1.length) } >= window / 2
        }
        #expect(updates().first?.flags == .ack, "the first frame on an inbound stream acknowledges it")
        #expect(updates().allSatisfy { $0.type == .windowUpdate && $0.streamID == 1 })
        let credit = updates().reduce(0) { $0 + Int($1.length) }
        #expect(credit >= window / 2 && credit <= window)

        // The credit is real: sending exactly that much more is accepted.
        try await peer.send(
            YamuxFrame(type: .data, flags: .fin, streamID: 1, length: UInt32(credit)),
            payload: Pattern.bytes(seed: 1, offset: window, count: credit))
        let rest = try await within { try await stream.readToEnd() }
        #expect(rest.readableBytes == credit)
        #expect(Pattern.matches(rest, seed: 1, offset: window))
        #expect(!peer.isClosed)
        await peer.close()
        await server.stop()
    }

    @Test("with a measured round trip, a reader that keeps up grows the window beyond 256 KiB", .timingSensitive)
    func windowAutoTuning() async throws {
        let inbox = Inbox()
        let configuration = quietConfiguration { $0.keepAliveInterval = .seconds(60) }
        let server = try await YamuxServer.start(configuration: configuration, inbound: inbox.handler)
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        // Answer the keep-alive's first ping 300 ms late: four round trips are then 1.2 s, and
        // a local reader freeing half the window well within that looks like a fast link.
        try await eventually("the keep-alive pings") { !peer.frames.isEmpty }
        let ping = try #require(peer.frames.first)
        #expect(ping.type == .ping && ping.flags == .syn)
        try await Task.sleep(for: .milliseconds(300))
        try await peer.send(YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: ping.length))
        try await eventually("the round trip is measured") { try await session.statistics().roundTripTime != nil }

        let window = Int(YamuxConfiguration.specInitialWindow)
        try await peer.send(
            YamuxFrame(type: .data, flags: .syn, streamID: 1, length: UInt32(window)),
            payload: Pattern.bytes(seed: 3, offset: 0, count: window))
        let stream = try await inbox.next()
        var consumed = 0
        while consumed < window { consumed += try #require(try await stream.read()).readableBytes }
        let credit: @Sendable () -> Int = {
            peer.frames.filter { $0.type == .windowUpdate && $0.streamID == 1 }.reduce(0) { $0 + Int($1.length) }
        }
        try await eventually("window credit beyond the initial window") { credit() > window }

        // The grown window is honoured: sending all of the credit at once is not a violation.
        let granted = credit()
        try await peer.send(
            YamuxFrame(type: .data, flags: .fin, streamID: 1, length: UInt32(granted)),
            payload: Pattern.bytes(seed: 3, offset: window, count: granted))
        let rest = try await within { try await stream.readToEnd() }
        #expect(rest.readableBytes == granted)
        #expect(Pattern.matches(rest, seed: 3, offset: window))
        #expect(!peer.isClosed)
        await peer.close()
        await server.stop()
    }

    @Test("openStream waits while the peer has not acknowledged the ACK backlog")
    func ackBacklog() async throws {
        let configuration = quietConfiguration { $0.maxUnacknowledgedOutboundStreams = 4 }
        let server = try await YamuxServer.start(configuration: configuration)
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        var opened: [YamuxStream] = []
        for _ in 0..<4 { opened.append(try await session.openStream()) }
        #expect(opened.map(\.id) == [2, 4, 6, 8])
        let fifth = Task { try await session.openStream() }
        try await eventually("four SYNs arrived") { peer.frames.count == 4 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(peer.frames.count == 4, "the fifth SYN waits for an ACK")
        #expect(try await session.statistics().unacknowledgedOutboundStreams == 4)

        try await peer.send(YamuxFrame(type: .windowUpdate, flags: .ack, streamID: 4, length: 0))
        let stream = try await within { try await fifth.value }
        #expect(stream.id == 10)
        try await eventually("the fifth SYN arrives") {
            peer.frames.last == YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 10, length: 0)
        }
        #expect(try await session.statistics().unacknowledgedOutboundStreams == 4)
        await peer.close()
        await server.stop()
    }

    @Test("a keep-alive ping the peer never answers closes the session")
    func keepAliveTimeout() async throws {
        let configuration = quietConfiguration {
            $0.keepAliveInterval = .milliseconds(50)
            $0.pingTimeout = .milliseconds(200)
        }
        let server = try await YamuxServer.start(configuration: configuration)
        let peer = try await RawPeer.connect(port: server.port)
        let session = try await server.nextSession()
        try await peer.waitForClose()
        #expect(peer.frames.first == YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 1))
        try await expectClosed(session, .timeout, "did not answer a ping")
        await server.stop()
    }
}

/// Byte-level cases on an `EmbeddedChannel`: no sockets, every frame the session writes is
/// inspected.
@Suite("Yamux session on an embedded channel")
struct YamuxEmbeddedTests {
    final class Harness {
        let channel = EmbeddedChannel()
        let session: YamuxSession
        let accepted = Locked<[YamuxStream]>([])

        init(configuration: YamuxConfiguration = quietConfiguration()) throws {
            let accepted = self.accepted
            session = try YamuxSession.installSync(on: channel, role: .server, configuration: configuration) { stream in
                accepted.withLock { $0.append(stream) }
            }
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        func feed(_ bytes: ByteBuffer) throws {
            try channel.writeInbound(bytes)
        }

        /// Every frame the session wrote since the last call.
        func written() throws -> [YamuxFrame] {
            channel.embeddedEventLoop.run()
            var all = ByteBuffer()
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) { all.writeBuffer(&buffer) }
            return RawPeer.frames(in: &all)
        }
    }

    @Test("a header arriving one byte at a time is reassembled")
    func byteByByte() throws {
        let harness = try Harness()
        let ping = RawPeer.encode(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 0x0102_0304))
        for byte in ping.readableBytesView { try harness.feed(ByteBuffer(bytes: [byte])) }
        #expect(try harness.written() == [YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: 0x0102_0304)])
    }

    @Test("several frames in one read and a payload split across reads are all taken apart")
    func splitPayload() throws {
        let harness = try Harness()
        var bytes = RawPeer.encode(YamuxFrame(type: .windowUpdate, flags: .syn, streamID: 1, length: 0))
        bytes.writeImmutableBuffer(RawPeer.encode(YamuxFrame(type: .data, streamID: 1, length: 10), payload: ByteBuffer(string: "0123456789")))
        bytes.writeImmutableBuffer(RawPeer.encode(YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: 5)))
        var first = bytes.readSlice(length: 12 + 12 + 4)!
        try harness.feed(first.readSlice(length: first.readableBytes)!)
        try harness.feed(bytes)
        #expect(harness.accepted.withLock { $0.map(\.id) } == [1])
        #expect(try harness.written() == [YamuxFrame(type: .ping, flags: .ack, streamID: 0, length: 5)])
        #expect(harness.channel.isActive)
    }

    @Test("a peer that floods pings while never reading is cut off with go-away (internal error)")
    func controlFloodWhileUnwritable() throws {
        let harness = try Harness(configuration: quietConfiguration { $0.maxQueuedControlBytes = 64 * 1024 })
        harness.channel.isWritable = false
        harness.channel.pipeline.fireChannelWritabilityChanged()
        var flood = ByteBuffer()
        for index in 0..<6000 { YamuxFrame(type: .ping, flags: .syn, streamID: 0, length: UInt32(index)).write(to: &flood) }
        try harness.feed(flood)
        let frames = try harness.written()
        #expect(frames.last == YamuxFrame(type: .goAway, streamID: 0, length: YamuxGoAwayCode.internalError.rawValue))
        #expect(frames.count < 6000, "pings after the limit are not answered")
        #expect(!harness.channel.isActive)
    }

    @Test("a stream opened and reset in one frame is ignored")
    func synWithReset() throws {
        let harness = try Harness()
        try harness.feed(RawPeer.encode(YamuxFrame(type: .windowUpdate, flags: [.syn, .rst], streamID: 1, length: 0)))
        #expect(harness.accepted.withLock { $0.isEmpty })
        #expect(try harness.written().isEmpty)
        #expect(harness.session.openStreamCount == 0)
    }

    @Test("data after the peer's FIN is a protocol error")
    func dataAfterFin() throws {
        let harness = try Harness()
        try harness.feed(RawPeer.encode(YamuxFrame(type: .windowUpdate, flags: [.syn, .fin], streamID: 1, length: 0)))
        try harness.feed(RawPeer.encode(YamuxFrame(type: .data, streamID: 1, length: 1), payload: ByteBuffer(string: "x")))
        #expect(try harness.written() == [goAwayProtocolError])
        #expect(!harness.channel.isActive)
    }
}
