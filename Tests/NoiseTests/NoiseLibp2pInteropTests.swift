import InteropSupport
import Multiformats
import NIOCore
import NIOPosix
import Testing

@testable import Noise

/// Our NIO handlers against py-libp2p 0.8.1's Noise transport (libp2p.security.noise), on real TCP
/// sockets, driving Tests/Interop/libp2p_noise_peer.py. This checks what the noiseprotocol interop
/// cannot: the handshake payload protobuf, the identity signature, peer IDs and 2-byte framing.
///
/// Python is found as in ``NoiseInteropTests`` (it needs `import libp2p`, i.e. the py-libp2p venv).
@Suite("Noise interop with py-libp2p", .serialized)
struct NoiseLibp2pInteropTests {
    static let module = "libp2p.security.noise.transport"
    static let bytes = 1 << 20

    @Test(
        "we dial py-libp2p: both sides authenticate, 1 MiB echoed back intact")
    func weDial() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let (script, theirPeer, port) = try await InteropPython.onThread {
            let script = try LineProcess(python: python, script: "libp2p_noise_peer.py", arguments: ["listen", "\(Self.bytes)"])
            return (script, try script.expect("peer"), try script.expect("port"))
        }
        defer { script.kill() }
        let expected = try PeerID(theirPeer)
        let ours = NoiseConfiguration(identity: .generate())

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let handshake = loop.makePromise(of: NoiseHandshakeResult.self)
        let echoed = loop.makePromise(of: ByteBuffer.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    handshake.futureResult.whenSuccess { _ in
                        try? channel.pipeline.syncOperations.addHandler(Accumulator(expecting: Self.bytes, done: echoed))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NoiseHandshakeHandler(role: .initiator, configuration: ours, expectedRemotePeer: expected, completed: handshake))
                }
            }
            .connect(host: "127.0.0.1", port: Int(port)!).get()

        #expect(try await handshake.futureResult.get().remotePeerID == expected)
        let data = patterned(count: Self.bytes)
        try await channel.writeAndFlush(data)
        #expect(try await echoed.futureResult.get() == data)

        let (sawUs, done) = try await InteropPython.onThread { (try script.expect("remote"), script.finish()) }
        #expect(sawUs == ours.identity.peerID.description)
        #expect(done.status == 0, "python: \(done.stderr)")
        try? await channel.close()
        try await group.shutdownGracefully()
    }

    @Test(
        "py-libp2p dials us: it authenticates our peer ID, we see its; its 1 MiB comes back intact")
    func theyDial() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let ours = NoiseConfiguration(identity: .generate())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let accepted = group.next().makePromise(of: PeerID.self)
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let done = channel.eventLoop.makePromise(of: NoiseHandshakeResult.self)
                    done.futureResult.whenComplete { result in
                        switch result {
                        case .success(let session):
                            accepted.succeed(session.remotePeerID)
                            try? channel.pipeline.syncOperations.addHandler(EchoHandler())
                        case .failure(let error):
                            accepted.fail(error)
                        }
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NoiseHandshakeHandler(role: .responder, configuration: ours, completed: done))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = server.localAddress!.port!

        let report = try await InteropPython.onThread { () -> (peer: String, remote: String, ok: String?, status: Int32, stderr: String) in
            let script = try LineProcess(
                python: python, script: "libp2p_noise_peer.py",
                arguments: ["dial", "\(port)", ours.identity.peerID.description, "\(Self.bytes)"])
            defer { script.kill() }
            let peer = try script.expect("peer")
            let remote = (try? script.expect("remote")) ?? "(none)"
            let ok = try script.readLine()
            let (status, stderr) = script.finish()
            return (peer, remote, ok, status, stderr)
        }
        #expect(report.status == 0, "python: \(report.stderr)")
        #expect(report.ok == "ok")
        #expect(report.remote == ours.identity.peerID.description)
        #expect(try await accepted.futureResult.get().description == report.peer)
        try await server.close()
        try await group.shutdownGracefully()
    }

    @Test(
        "dialling py-libp2p with the wrong expected peer ID fails with peerIDMismatch")
    func wrongExpectedPeer() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let (script, port) = try await InteropPython.onThread {
            let script = try LineProcess(python: python, script: "libp2p_noise_peer.py", arguments: ["listen", "1"])
            _ = try script.expect("peer")
            return (script, try script.expect("port"))
        }
        defer { script.kill() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let handshake = loop.makePromise(of: NoiseHandshakeResult.self)
        let stranger = Libp2pPrivateKey.generate().peerID
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NoiseHandshakeHandler(
                            role: .initiator, configuration: .init(identity: .generate()), expectedRemotePeer: stranger,
                            completed: handshake))
                }
            }
            .connect(host: "127.0.0.1", port: Int(port)!).get()
        do {
            _ = try await handshake.futureResult.get()
            Issue.record("expected peerIDMismatch")
        } catch let error as NoiseError {
            #expect(error.kind == .peerIDMismatch)
            #expect(error.message.contains(stranger.description))
        }
        try? await channel.closeFuture.get()
        try await group.shutdownGracefully()
    }
}
