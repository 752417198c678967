import Foundation
import Logging
import Multiformats
import NIOCore
import Synchronization
import TestScheduling
import Testing
import Yamux

@testable import Libp2p

/// Broken and hostile peers against host A. Each case is closed with a log line, and another peer (B)
/// connected to A keeps working throughout.
@Suite("Hostile input")
struct HostileInputTests {
    /// Runs A and B (B connected to A) and a recorder for A's log.
    static func withVictim(
        _ adjust: @escaping (inout Libp2pHostConfig) -> Void = { _ in },
        _ body: @Sendable (_ a: Libp2pHost, _ b: Libp2pHost, _ log: LogRecorder) async throws -> Void
    ) async throws {
        let recorder = LogRecorder()
        try await HostFixture.withHosts([HostFixture.config(adjust), HostFixture.config()], recorder: recorder) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            try await b.connect(HostFixture.dialAddress(a))
            try await body(a, b, recorder)
            // The bystander still gets answers.
            _ = try await b.ping(a.peerID)
        }
    }

    static func port(_ host: Libp2pHost) -> Int { Int(host.listenAddresses[0].tcpPort!) }

    static func multistream(_ lines: String...) -> [UInt8] {
        lines.flatMap { line -> [UInt8] in
            let body = Array((line + "\n").utf8)
            return Varint.encode(UInt64(body.count)) + body
        }
    }

    @Test("garbage instead of multistream-select: closed, logged")
    func garbageBeforeHandshake() async throws {
        try await Self.withVictim { a, _, log in
            let raw = try await RawPeer.connect(port: Self.port(a))
            await raw.send(HostFixture.pattern(seed: 99, count: 4096))
            #expect(await raw.waitForClose())
            #expect(await HostFixture.eventually { !log.lines(containing: "inbound libp2p handshake failed", atLeast: .warning).isEmpty })
        }
    }

    @Test("a multistream-select message over 1024 bytes: closed before the body is read")
    func oversizedNegotiationMessage() async throws {
        try await Self.withVictim { a, _, log in
            let raw = try await RawPeer.connect(port: Self.port(a))
            await raw.send(Self.multistream("/multistream/1.0.0") + Varint.encode(100_000) + [UInt8](repeating: 0x61, count: 2000))
            #expect(await raw.waitForClose())
            #expect(await HostFixture.eventually { !log.lines(containing: "handshake failed", atLeast: .warning).isEmpty })
        }
    }

    @Test("garbage in place of the first Noise message: closed, logged")
    func garbageDuringHandshake() async throws {
        try await Self.withVictim { a, _, log in
            let raw = try await RawPeer.connect(port: Self.port(a))
            await raw.send(Self.multistream("/multistream/1.0.0", "/noise"))
            // A answers with the header and accepts /noise.
            let answer = Self.multistream("/multistream/1.0.0", "/noise")
            #expect(await raw.waitForBytes(answer.count))
            #expect(raw.received.prefix(answer.count).elementsEqual(answer))
            // A 5-byte "ephemeral key" (X25519 keys are 32 bytes).
            await raw.send([0x00, 0x05, 1, 2, 3, 4, 5])
            #expect(await raw.waitForClose())
            #expect(await HostFixture.eventually { !log.lines(containing: "inbound libp2p handshake failed", atLeast: .warning).isEmpty })
        }
    }

    @Test("a peer that connects and says nothing is closed at the handshake timeout")
    func silentPeer() async throws {
        try await Self.withVictim({ $0.limits.handshakeTimeout = TestTime.scaled(.seconds(3)) }) { a, _, log in
            let raw = try await RawPeer.connect(port: Self.port(a))
            #expect(await raw.waitForClose(timeout: .seconds(15)))
            #expect(await HostFixture.eventually { !log.lines(containing: "inbound libp2p handshake failed", atLeast: .warning).isEmpty })
        }
    }

    @Test("dialling a peer ID other than the one listening: peerIDMismatch naming both, no connection kept")
    func wrongPeerID() async throws {
        try await Self.withVictim { a, c, _ in
            let impostor = Libp2pPrivateKey.generate().peerID
            let address = try Multiaddr("\(a.listenAddresses[0])/p2p/\(impostor)")
            await c.disconnect(a.peerID)
            let error = await #expect(throws: Libp2pHostError.self) { try await c.connect(address) }
            #expect(error?.kind == .peerIDMismatch)
            #expect(error?.message.contains(impostor.description) == true)
            #expect(error?.message.contains(a.peerID.description) == true)
            #expect(c.connectedPeers().isEmpty)
            #expect(await HostFixture.eventually { a.connectedPeers().isEmpty })
            try await c.connect(HostFixture.dialAddress(a))
        }
    }

    /// Writes raw yamux bytes on B's connection to A, below B's own yamux session (through Noise).
    static func injectYamux(from b: Libp2pHost, to a: Libp2pHost, _ bytes: ByteBuffer) async throws -> Libp2pConnection {
        let connection = try b.connection(to: a.peerID)
        try await connection.channel.writeAndFlush(bytes)
        return connection
    }

    @Test("a data frame larger than the receive window: go-away (protocol error), closed, other connections fine")
    func windowViolation() async throws {
        try await Self.withVictim { a, _, log in
            // A third host, C, connects and floods A; B (the bystander) is checked afterwards.
            try await HostFixture.withHosts([HostFixture.config()]) { hosts in
                let c = hosts[0]
                try await c.connect(HostFixture.dialAddress(a))
                var frames = ByteBuffer()
                let size = 300 * 1024  // the window is 256 KiB
                YamuxFrame(type: .data, flags: .syn, streamID: 1001, length: UInt32(size)).write(to: &frames)
                frames.writeBytes([UInt8](repeating: 0x42, count: size))
                let connection = try await Self.injectYamux(from: c, to: a, frames)
                #expect(await HostFixture.eventually { !connection.channel.isActive })
                #expect(await HostFixture.eventually { !a.isConnected(c.peerID) })
                #expect(await HostFixture.eventually { !log.lines(containing: "yamux protocol violation", atLeast: .error).isEmpty })
            }
        }
    }

    @Test("a frame header claiming 2 GiB and a frame with a bad version: both closed")
    func oversizedAndBadFrames() async throws {
        try await Self.withVictim { a, _, log in
            for (round, header) in [
                { () -> ByteBuffer in
                    var frame = ByteBuffer()
                    YamuxFrame(type: .data, flags: .syn, streamID: 1001, length: 0x7FFF_FFFF).write(to: &frame)
                    return frame
                }(),
                ByteBuffer(bytes: [0x07, 0x00, 0x00, 0x01, 0, 0, 0x03, 0xE9, 0, 0, 0, 0]),
            ].enumerated() {
                try await HostFixture.withHosts([HostFixture.config()]) { hosts in
                    let c = hosts[0]
                    try await c.connect(HostFixture.dialAddress(a))
                    let connection = try await Self.injectYamux(from: c, to: a, header)
                    #expect(await HostFixture.eventually { !connection.channel.isActive })
                    #expect(await HostFixture.eventually { log.lines(containing: "yamux protocol violation", atLeast: .error).count > round })
                }
            }
        }
    }

    @Test("a peer opening 2000 streams: the host accepts up to its limit, resets the rest, and recovers", .heavyLoad)
    func streamFlood() async throws {
        let release = Mutex<[CheckedContinuation<Void, Never>]>([])
        let open = Counter()
        try await Self.withVictim { a, b, _ in
            try await HostFixture.withHosts([HostFixture.config()]) { hosts in
                let c = hosts[0]
                a.setStreamHandler("/hold/1.0.0") { stream in
                    open.add(1)
                    await withCheckedContinuation { continuation in release.withLock { $0.append(continuation) } }
                    stream.reset()
                }
                try await c.connect(HostFixture.dialAddress(a))
                var opened: [Libp2pStream] = []
                var refused = 0
                for _ in 0..<2000 {
                    do {
                        opened.append(try await c.newStream(to: a.peerID, protocols: ["/hold/1.0.0"]))
                    } catch {
                        refused += 1
                    }
                }
                let limit = a.config.limits.maxInboundStreamsPerConnection
                #expect(opened.count <= limit)
                #expect(opened.count >= limit - 10)
                #expect(refused >= 2000 - limit)
                // B's connection to A is unaffected while C's is saturated.
                _ = try await b.ping(a.peerID)
                // Once the held streams end, C can use its connection again.
                let waiting = release.withLock { list in
                    defer { list.removeAll() }
                    return list
                }
                for continuation in waiting { continuation.resume() }
                opened.removeAll()
                #expect(await HostFixture.eventually(timeout: .seconds(10)) {
                    (try? await c.ping(a.peerID)) != nil
                })
            }
        }
        #expect(open.value > 0)
    }

    @Test("peers filling the windows of many streams: unread bytes stay within the connection's and the host's budgets")
    func windowFillFlood() async throws {
        let window = Int(YamuxConfiguration.specInitialWindow)
        let perConnection = 8 * window
        let total = 12 * window
        let holding = Mutex<[Libp2pStream]>([])
        try await Self.withVictim({
            $0.yamux.maxStreamWindow = UInt32(4 * window)
            $0.limits.maxUnreadBytesPerConnection = perConnection
            $0.limits.maxUnreadBytesTotal = total
        }) { a, _, log in
            a.setStreamHandler("/hold/1.0.0") { stream in
                holding.withLock { $0.append(stream) }  // keep it open, never read
            }
            try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { attackers in
                // Each attacker opens 24 streams and fills each one's 256 KiB window: about 12 MiB sent in all.
                // The attackers keep their streams open (a released stream is reset, which frees A's buffers).
                let opened = try await withThrowingTaskGroup(of: [Libp2pStream].self) { group in
                    for attacker in attackers {
                        group.addTask {
                            try await attacker.connect(HostFixture.dialAddress(a))
                            // What fits the window after the protocol negotiation's few bytes, so no write waits.
                            let chunk = ByteBuffer(repeating: 0x5A, count: window - 1024)
                            var streams: [Libp2pStream] = []
                            for _ in 0..<24 {
                                let stream = try await attacker.newStream(to: a.peerID, protocols: ["/hold/1.0.0"])
                                try? await stream.write(chunk)  // fails once A has reset the stream
                                streams.append(stream)
                            }
                            return streams
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(await HostFixture.eventually { log.lines(containing: "receive budget", atLeast: .warning).count >= 2 })
                // Wait until nothing more arrives.
                var last = -1
                while a.unreadBytes != last {
                    last = a.unreadBytes
                    try await Task.sleep(for: .milliseconds(300))
                }
                #expect(a.unreadBytes <= total, "A holds \(a.unreadBytes) unread bytes; the host's budget is \(total)")
                #expect(a.unreadBytes > perConnection, "both attackers got some bytes in: the host-wide budget is what stopped them")
                for attacker in attackers {
                    let held = try await a.connection(to: attacker.peerID).session.statistics().bufferedReceiveBytes
                    #expect(held <= perConnection, "\(held) unread bytes from one connection; its budget is \(perConnection)")
                }
                #expect(log.lines(containing: "yamux protocol violation").isEmpty, "the attackers stayed within their windows")
                #expect(opened.count == 48)
                for attacker in attackers { await attacker.disconnect(a.peerID) }
                #expect(await HostFixture.eventually { a.unreadBytes == 0 }, "closing the connections gives every byte back")
            }
            holding.withLock { streams in
                for stream in streams { stream.reset() }
                streams.removeAll()
            }
        }
    }

    @Test("bytes pipelined behind a stream's protocol proposal count as unread until the handler reads them")
    func pipelinedBytesAreCounted() async throws {
        let streams = Mutex<[Libp2pStream]>([])
        try await Self.withVictim { a, _, _ in
            a.setStreamHandler("/hold/1.0.0") { stream in
                streams.withLock { $0.append(stream) }  // keep it, read later
            }
            try await HostFixture.withHosts([HostFixture.config()]) { hosts in
                let c = hosts[0]
                try await c.connect(HostFixture.dialAddress(a))
                // One write on a raw yamux stream: the multistream header, the proposal and 100 KiB of data right
                // behind it, so A's negotiation reads part of the data along with the proposal.
                let data = 100 * 1024
                var payload = ByteBuffer(bytes: Self.multistream("/multistream/1.0.0", "/hold/1.0.0"))
                payload.writeBytes([UInt8](repeating: 0x42, count: data))
                let raw = try await c.connection(to: a.peerID).session.openStream()
                try await raw.write(payload)
                #expect(await HostFixture.eventually { streams.withLock { $0.count } == 1 })
                #expect(await HostFixture.eventually { a.unreadBytes == data }, "A holds \(a.unreadBytes) counted bytes of \(data)")
                let stream = try #require(streams.withLock { $0.first })
                var read = 0
                while read < data, let chunk = try await stream.read() { read += chunk.readableBytes }
                #expect(read == data)
                #expect(a.unreadBytes == 0, "every byte read is given back")
                stream.reset()
                streams.withLock { $0.removeAll() }
                await raw.reset()
            }
        }
    }

    @Test("a peer that stops reading: the writer stalls at the window, nothing piles up, other streams still pass")
    func stalledReader() async throws {
        let written = Counter()
        try await Self.withVictim { a, b, _ in
            let holding = Mutex<Libp2pStream?>(nil)
            a.setStreamHandler("/stall/1.0.0") { stream in
                holding.withLock { $0 = stream }  // keep it open, never read
            }
            let stream = try await b.newStream(to: a.peerID, protocols: ["/stall/1.0.0"])
            let chunk = ByteBuffer(repeating: 0x5A, count: 64 * 1024)
            let writer = Task {
                for _ in 0..<(16 * 256) {  // 256 MiB if nothing stopped it
                    try await stream.write(chunk)
                    written.add(chunk.readableBytes)
                }
            }
            // Wait until the writer has stopped moving.
            var last = -1
            while written.value != last {
                last = written.value
                try await Task.sleep(for: .milliseconds(300))
            }
            let window = Int(YamuxConfiguration.specInitialWindow)
            #expect(written.value <= window + chunk.readableBytes, "wrote \(written.value) bytes into a \(window)-byte window")
            // What A holds for the stream is at most the window it granted, and B has nothing queued beyond it.
            let receiving = try await a.connection(to: b.peerID).session.statistics()
            #expect(receiving.bufferedReceiveBytes <= window)
            let sending = try b.connection(to: a.peerID).channel
            let queued = try await sending.getOption(.bufferedWritableBytes).get()
            #expect(queued <= window, "\(queued) bytes queued in B's channel")
            // Other streams on the same connection still work.
            _ = try await b.ping(a.peerID)
            writer.cancel()
            stream.reset()
            _ = await writer.result
            holding.withLock { $0 = nil }
        }
    }
}
