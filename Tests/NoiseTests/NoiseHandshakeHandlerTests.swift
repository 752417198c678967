import Crypto
import Multiformats
import NIOCore
import NIOEmbedded
import Testing

@testable import Noise

/// The handshake handler on EmbeddedChannels: completion, hand-over to the transport handler,
/// pipelined frames, and every way a handshake can fail.
@Suite("Noise handshake handler")
struct NoiseHandshakeHandlerTests {
    struct Pair {
        let dialer: EmbeddedChannel, listener: EmbeddedChannel
        let dialed: EventLoopFuture<NoiseHandshakeResult>, accepted: EventLoopFuture<NoiseHandshakeResult>
        let dialerConfig: NoiseConfiguration, listenerConfig: NoiseConfiguration
    }

    static func pair(expecting expected: PeerID?? = .none) throws -> Pair {
        let dialerConfig = NoiseConfiguration(identity: .generate())
        let listenerConfig = NoiseConfiguration(identity: .generate())
        let dialer = EmbeddedChannel(), listener = EmbeddedChannel()
        let dialed = dialer.eventLoop.makePromise(of: NoiseHandshakeResult.self)
        let accepted = listener.eventLoop.makePromise(of: NoiseHandshakeResult.self)
        try dialer.pipeline.syncOperations.addHandler(
            NoiseHandshakeHandler(
                role: .initiator, configuration: dialerConfig, expectedRemotePeer: expected ?? listenerConfig.identity.peerID,
                completed: dialed))
        try listener.pipeline.syncOperations.addHandler(
            NoiseHandshakeHandler(role: .responder, configuration: listenerConfig, completed: accepted))
        for channel in [dialer, listener] {
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
        }
        return Pair(
            dialer: dialer, listener: listener, dialed: dialed.futureResult, accepted: accepted.futureResult,
            dialerConfig: dialerConfig, listenerConfig: listenerConfig)
    }

    @Test("both sides authenticate, the handshake handlers leave, transport handlers carry data")
    func handshakeThenData() throws {
        let p = try Self.pair()
        try shuttle(p.dialer, p.listener)
        #expect(try p.dialed.settled().remotePeerID == p.listenerConfig.identity.peerID)
        #expect(try p.accepted.settled().remotePeerID == p.dialerConfig.identity.peerID)
        for channel in [p.dialer, p.listener] {
            #expect(throws: (any Error).self) { try channel.pipeline.syncOperations.handler(type: NoiseHandshakeHandler.self) }
            #expect(throws: Never.self) { try channel.pipeline.syncOperations.handler(type: NoiseTransportHandler.self) }
        }
        try p.dialer.writeOutbound(ByteBuffer(string: "over the secure channel"))
        try shuttle(p.dialer, p.listener)
        #expect(try p.listener.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "over the secure channel"))
    }

    @Test("frames the initiator pipelines right behind message 3 reach the responder's next handler")
    func pipelinedAfterHandshake() throws {
        let p = try Self.pair()
        // The initiator writes as soon as its handshake completes, from the promise callback.
        p.dialed.whenSuccess { _ in p.dialer.writeAndFlush(ByteBuffer(string: "early bytes"), promise: nil) }
        // message 1 →, ← message 2
        try p.listener.writeInbound(try #require(try p.dialer.readOutbound(as: ByteBuffer.self)))
        try p.dialer.writeInbound(try #require(try p.listener.readOutbound(as: ByteBuffer.self)))
        // message 3 and the encrypted early bytes, delivered in one read.
        var burst = ByteBuffer()
        while var chunk = try p.dialer.readOutbound(as: ByteBuffer.self) { burst.writeBuffer(&chunk) }
        #expect(burst.readableBytes > 2 + 64 + 2 + 11 + 16 - 1, "message 3 plus one transport frame")
        try p.listener.writeInbound(burst)
        #expect(try p.accepted.settled().remotePeerID == p.dialerConfig.identity.peerID)
        #expect(try p.listener.readInbound(as: ByteBuffer.self) == ByteBuffer(string: "early bytes"))
    }

    @Test("dialling the wrong peer ID fails the dialer's promise and closes its connection")
    func wrongPeerCloses() throws {
        let stranger = Libp2pPrivateKey.generate().peerID
        let p = try Self.pair(expecting: .some(stranger))
        try? shuttle(p.dialer, p.listener)
        do {
            _ = try p.dialed.settled()
            Issue.record("expected a peer ID mismatch")
        } catch let error as NoiseError {
            #expect(error.kind == .peerIDMismatch)
        }
        #expect(!p.dialer.isActive)
    }

    @Test("a tampered message 2 closes the dialer; a garbage message 3 closes the listener")
    func tampering() throws {
        let p = try Self.pair()
        try p.listener.writeInbound(try #require(try p.dialer.readOutbound(as: ByteBuffer.self)))
        var message2 = try #require(try p.listener.readOutbound(as: ByteBuffer.self))
        message2.setInteger(message2.getInteger(at: 50, as: UInt8.self)! ^ 0x10, at: 50)
        _ = try? p.dialer.writeInbound(message2)
        #expect(throws: NoiseError.self) { try p.dialed.settled() }
        #expect(!p.dialer.isActive)

        var garbage = ByteBuffer()
        garbage.writeInteger(UInt16(80))
        garbage.writeBytes((0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        _ = try? p.listener.writeInbound(garbage)
        do {
            _ = try p.accepted.settled()
            Issue.record("expected decryption to fail")
        } catch let error as NoiseError {
            #expect(error.kind == .decryptionFailed)
        }
        #expect(!p.listener.isActive)
    }

    @Test("garbage before the handshake: a short frame is malformed, an unframed stream times out")
    func garbageBeforeHandshake() throws {
        let config = NoiseConfiguration(identity: .generate())
        let short = EmbeddedChannel()
        let failed = short.eventLoop.makePromise(of: NoiseHandshakeResult.self)
        try short.pipeline.syncOperations.addHandler(NoiseHandshakeHandler(role: .responder, configuration: config, completed: failed))
        try short.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
        _ = try? short.writeInbound(ByteBuffer(bytes: [0x00, 0x05, 1, 2, 3, 4, 5]))
        do {
            _ = try failed.futureResult.settled()
            Issue.record("expected malformedMessage")
        } catch let error as NoiseError {
            #expect(error.kind == .malformedMessage)
        }
        #expect(!short.isActive)

        let loop = EmbeddedEventLoop()
        let http = EmbeddedChannel(loop: loop)
        let timedOut = loop.makePromise(of: NoiseHandshakeResult.self)
        try http.pipeline.syncOperations.addHandler(
            NoiseHandshakeHandler(role: .responder, configuration: config, timeout: .seconds(10), completed: timedOut))
        try http.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
        try http.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: example\r\n\r\n"))  // "GE" = a 18245-byte frame
        loop.advanceTime(by: .seconds(11))
        do {
            _ = try timedOut.futureResult.settled()
            Issue.record("expected a timeout")
        } catch let error as NoiseError {
            #expect(error.kind == .timeout)
        }
        #expect(!http.isActive)
    }

    @Test("an all-zero (low-order) ephemeral key is refused")
    func lowOrderKey() throws {
        let channel = EmbeddedChannel()
        let failed = channel.eventLoop.makePromise(of: NoiseHandshakeResult.self)
        try channel.pipeline.syncOperations.addHandler(
            NoiseHandshakeHandler(role: .responder, configuration: .init(identity: .generate()), completed: failed))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4001)).wait()
        var frame = ByteBuffer()
        frame.writeInteger(UInt16(32))
        frame.writeRepeatingByte(0, count: 32)
        _ = try? channel.writeInbound(frame)
        do {
            _ = try failed.futureResult.settled()
            Issue.record("expected invalidKey")
        } catch let error as NoiseError {
            #expect(error.kind == .invalidKey)
        }
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
