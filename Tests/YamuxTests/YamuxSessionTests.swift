import NIOCore
import Synchronization
import TestScheduling
import Testing
import Yamux

/// An inbound-stream handler that echoes every byte back and closes its side after the peer's.
let echoHandler: @Sendable (YamuxStream) -> Void = { stream in
    Task {
        do {
            while let chunk = try await stream.read() { try await stream.write(chunk) }
            try await stream.closeWrite()
        } catch {
            await stream.reset()
        }
    }
}

@Suite("Yamux sessions over loopback TCP", .timeLimit(TestTime.limit(minutes: 5)))
struct YamuxSessionTests {
    @Test("a client opens a stream, the server echoes it, both sides close")
    func openAndEcho() async throws {
        try await withSessionPair(serverInbound: echoHandler) { pair in
            let stream = try await pair.client.openStream()
            #expect(stream.id == 1)
            #expect(!stream.isInbound)
            try await stream.write(ByteBuffer(string: "hello "))
            try await stream.write(ByteBuffer(string: "yamux"))
            try await stream.closeWrite()
            let reply = try await within { try await stream.readToEnd() }
            #expect(String(buffer: reply) == "hello yamux")

            let second = try await pair.client.openStream()
            #expect(second.id == 3)
            await second.close()
            try await eventually("both sessions retire the streams") {
                pair.client.openStreamCount == 0 && pair.server.openStreamCount == 0
            }
        }
    }

    @Test("the server opens even-numbered streams the client accepts")
    func serverOpens() async throws {
        try await withSessionPair(clientInbound: echoHandler, serverInbound: { _ in }) { pair in
            let stream = try await pair.server.openStream()
            #expect(stream.id == 2)
            try await stream.write(ByteBuffer(string: "from the server"))
            try await stream.closeWrite()
            #expect(String(buffer: try await within { try await stream.readToEnd() }) == "from the server")
        }
    }

    @Test("half-close: after closeWrite the stream still reads the peer's answer")
    func halfClose() async throws {
        let handler: @Sendable (YamuxStream) -> Void = { stream in
            Task {
                let request = try await stream.readToEnd()
                try await stream.write(ByteBuffer(string: "got \(request.readableBytes) bytes"))
                try await stream.closeWrite()
            }
        }
        try await withSessionPair(serverInbound: handler) { pair in
            let stream = try await pair.client.openStream()
            try await stream.write(ByteBuffer(repeating: 7, count: 100_000))
            try await stream.closeWrite()
            await #expect(throws: YamuxError.self) { try await stream.write(ByteBuffer(string: "late")) }
            #expect(String(buffer: try await within { try await stream.readToEnd() }) == "got 100000 bytes")
            #expect(try await stream.read() == nil)
        }
    }

    @Test("16 parallel streams carry 8 MiB each way, every byte checked")
    func parallelBulk() async throws {
        let size = 8 << 20
        let serverResults = Locked<[UInt32: (count: Int, intact: Bool)]>([:])
        let handler: @Sendable (YamuxStream) -> Void = { stream in
            Task {
                async let sent: Void = {
                    try await stream.writePattern(seed: Int(stream.id) + 1000, total: size)
                    try await stream.closeWrite()
                }()
                let received = try await stream.drainPattern(seed: Int(stream.id))
                try await sent
                serverResults.withLock { $0[stream.id] = received }
            }
        }
        try await withSessionPair(serverInbound: handler) { pair in
            let client = pair.client
            let results = try await within(.seconds(100), "16 × 8 MiB each way") {
                try await withThrowingTaskGroup(of: (UInt32, Int, Bool).self) { group in
                    for _ in 0..<16 {
                        group.addTask {
                            let stream = try await client.openStream()
                            async let sent: Void = {
                                try await stream.writePattern(seed: Int(stream.id), total: size)
                                try await stream.closeWrite()
                            }()
                            let received = try await stream.drainPattern(seed: Int(stream.id) + 1000)
                            try await sent
                            return (stream.id, received.count, received.intact)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(results.count == 16)
            for (id, count, intact) in results {
                #expect(count == size, "stream \(id) got \(count) bytes from the server")
                #expect(intact, "stream \(id) bytes from the server are intact")
            }
            try await eventually("the server finished reading all 16 streams") { serverResults.withLock { $0.count } == 16 }
            for (id, received) in serverResults.withLock({ $0 }) {
                #expect(received.count == size, "server stream \(id) got \(received.count) bytes")
                #expect(received.intact, "server stream \(id) bytes are intact")
            }
            #expect(try await pair.server.statistics().bufferedReceiveBytes == 0)
        }
    }

    @Test("a reset from the server fails the client's reads and writes")
    func remoteReset() async throws {
        let handler: @Sendable (YamuxStream) -> Void = { stream in
            Task {
                _ = try await stream.read()
                await stream.reset(code: 42)
            }
        }
        try await withSessionPair(serverInbound: handler) { pair in
            let stream = try await pair.client.openStream()
            try await stream.write(ByteBuffer(string: "reset me"))
            let error = try await within {
                do {
                    _ = try await stream.read()
                    return nil as YamuxError?
                } catch let error as YamuxError {
                    return error
                }
            }
            #expect(error?.kind == .streamReset)
            #expect(error?.remote == true)
            #expect(error?.code == 42)
            await #expect(throws: YamuxError.self) { try await stream.write(ByteBuffer(string: "more")) }
            try await eventually("the reset stream is retired on both sides") {
                pair.client.openStreamCount == 0 && pair.server.openStreamCount == 0
            }
        }
    }

    @Test("a reset from the client drops unread data and fails the server's read")
    func localReset() async throws {
        let inbox = Inbox()
        try await withSessionPair(serverInbound: inbox.handler) { pair in
            let stream = try await pair.client.openStream()
            try await stream.write(ByteBuffer(string: "unread"))
            let inbound = try await inbox.next()
            try await eventually("the data arrived") { try await pair.server.statistics().bufferedReceiveBytes == 6 }
            await stream.reset()
            try await eventually("the reset arrived") { pair.server.openStreamCount == 0 }
            await #expect(throws: YamuxError.self) { try await inbound.read() }
            #expect(try await pair.server.statistics().bufferedReceiveBytes == 0)
            await #expect(throws: YamuxError.self) { try await stream.read() }
        }
    }

    @Test("a reader that stops stalls the writer at one window; reading resumes it")
    func windowStall() async throws {
        let inbox = Inbox()
        try await withSessionPair(serverInbound: inbox.handler) { pair in
            let stream = try await pair.client.openStream()
            let written = Locked(0)
            let writer = Task {
                var offset = 0
                while offset < 2 << 20 {
                    try await stream.write(Pattern.bytes(seed: 5, offset: offset, count: 64 * 1024))
                    offset += 64 * 1024
                    written.withLock { $0 = offset }
                }
                try await stream.closeWrite()
            }
            let inbound = try await inbox.next()
            let window = Int(YamuxConfiguration.specInitialWindow)
            try await eventually("one window of data is buffered") {
                try await pair.server.statistics().bufferedReceiveBytes == window
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await pair.server.statistics().bufferedReceiveBytes == window, "nothing beyond the window arrives")
            #expect(written.value == window, "the writer is suspended after one window")
            #expect(try await pair.client.statistics().unacknowledgedOutboundStreams == 1, "a stream nobody read is not acknowledged")

            let received = try await within { try await inbound.drainPattern(seed: 5) }
            #expect(received.count == 2 << 20)
            #expect(received.intact)
            try await within { try await writer.value }
            #expect(try await pair.client.statistics().unacknowledgedOutboundStreams == 0)
        }
    }

    @Test("ping measures the round trip from either side")
    func ping() async throws {
        try await withSessionPair(serverInbound: { _ in }) { pair in
            let fromClient = try await within { try await pair.client.ping() }
            let fromServer = try await within { try await pair.server.ping() }
            // Positive durations only: how long a round trip takes on a loaded machine is not the test's business.
            #expect(fromClient > Duration.zero)
            #expect(fromServer > Duration.zero)
            #expect(try await pair.client.statistics().roundTripTime != nil)
        }
    }

    @Test("keep-alive pings at once and keeps the session open")
    func keepAlive() async throws {
        let configuration = YamuxConfiguration(keepAliveInterval: .milliseconds(50), pingTimeout: TestTime.scaled(.seconds(10)))
        try await withSessionPair(client: configuration, server: configuration, serverInbound: echoHandler) { pair in
            try await eventually("both sides measured the round trip") {
                let client = try await pair.client.statistics().roundTripTime
                let server = try await pair.server.statistics().roundTripTime
                return client != nil && server != nil
            }
            try await Task.sleep(for: .milliseconds(200))
            let stream = try await pair.client.openStream()
            try await stream.write(ByteBuffer(string: "still alive"))
            try await stream.closeWrite()
            #expect(String(buffer: try await within { try await stream.readToEnd() }) == "still alive")
        }
    }

    @Test("go-away from the server: no new streams, open ones finish, then the client closes")
    func goAway() async throws {
        let inbox = Inbox()
        try await withSessionPair(serverInbound: inbox.handler) { pair in
            let open = try await pair.client.openStream()
            try await open.write(ByteBuffer(string: "before"))
            let inbound = try await inbox.next()

            await pair.server.goAway()
            _ = try await pair.client.ping()  // the go-away frame is ahead of the ping's answer
            await #expect {
                try await pair.client.openStream()
            } throws: { error in
                (error as? YamuxError)?.kind == .goAwayReceived
            }

            var chunk = try #require(try await inbound.read())
            #expect(chunk.readString(length: chunk.readableBytes) == "before")
            try await inbound.write(ByteBuffer(string: "after"))
            try await inbound.closeWrite()
            try await open.closeWrite()
            #expect(String(buffer: try await within { try await open.readToEnd() }) == "after")
            #expect(try await inbound.read() == nil)

            try await within(.seconds(10), "the drained client session closes") { try await pair.client.closeFuture.get() }
            try await within(.seconds(10), "the server sees the connection close") { try await pair.server.closeFuture.get() }
        }
    }

    @Test("go-away to a peer with no open streams: the peer closes the session at once")
    func goAwayWhenIdle() async throws {
        try await withSessionPair(clientInbound: echoHandler, serverInbound: echoHandler) { pair in
            await pair.client.goAway()
            try await within(.seconds(10), "the server closes") { try await pair.server.closeFuture.get() }
            try await within(.seconds(10), "the client sees the close") { try await pair.client.closeFuture.get() }
            await #expect {
                try await pair.server.openStream()
            } throws: { error in
                (error as? YamuxError)?.kind == .sessionClosed
            }
        }
    }

    @Test("close ends open streams on both sides and completes the close futures")
    func close() async throws {
        let inbox = Inbox()
        try await withSessionPair(serverInbound: inbox.handler) { pair in
            let stream = try await pair.client.openStream()
            try await stream.write(ByteBuffer(string: "x"))
            let inbound = try await inbox.next()
            _ = try await inbound.read()
            await pair.client.close()
            try await within { try await pair.server.closeFuture.get() }
            await #expect {
                try await inbound.read()
            } throws: { error in
                (error as? YamuxError)?.kind == .sessionClosed
            }
            await #expect {
                try await pair.client.openStream()
            } throws: { error in
                (error as? YamuxError)?.kind == .sessionClosed
            }
        }
    }

    @Test("2000 streams opened against a limit of 1000: 1000 are accepted, the rest reset", .heavyLoad)
    func streamLimit() async throws {
        let held = Locked<[YamuxStream]>([])
        let handler: @Sendable (YamuxStream) -> Void = { stream in
            held.withLock { $0.append(stream) }
            Task { _ = try? await stream.read() }
        }
        try await withSessionPair(serverInbound: handler) { pair in
            var streams: [YamuxStream] = []
            for _ in 0..<2000 {
                streams.append(try await within(.seconds(20), "opening a stream") { try await pair.client.openStream() })
            }
            try await eventually("the server holds 1000 acknowledged streams and refused the rest") {
                let pending = try await pair.server.statistics().pendingInboundStreams
                return pair.server.inboundStreamCount == 1000 && pair.client.outboundStreamCount == 1000 && pending == 0
            }
            #expect(held.withLock { $0.count } == 1000)
            await #expect {
                try await streams[1999].read()
            } throws: { error in
                (error as? YamuxError)?.kind == .streamReset
            }
            _ = try await pair.client.ping()

            for stream in streams { await stream.reset() }
            try await eventually("all streams are gone") {
                pair.server.openStreamCount == 0 && pair.client.openStreamCount == 0
            }
            held.withLock { $0.removeAll() }
        }
    }

    @Test("a cancelled read leaves the stream usable")
    func cancelledRead() async throws {
        try await withSessionPair(serverInbound: echoHandler) { pair in
            let stream = try await pair.client.openStream()
            let waiting = Task { try await stream.read() }
            try await Task.sleep(for: .milliseconds(50))
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
            try await stream.write(ByteBuffer(string: "ok"))
            try await stream.closeWrite()
            #expect(String(buffer: try await within { try await stream.readToEnd() }) == "ok")
        }
    }

    @Test("a stream released without closing is reset so its slot is freed")
    func abandonedStream() async throws {
        try await withSessionPair(serverInbound: echoHandler) { pair in
            do {
                let stream = try await pair.client.openStream()
                try await stream.write(ByteBuffer(string: "forgotten"))
            }
            try await eventually("the abandoned stream is retired on both sides") {
                pair.client.openStreamCount == 0 && pair.server.openStreamCount == 0
            }
        }
    }
}
