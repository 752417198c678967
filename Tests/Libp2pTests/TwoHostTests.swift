import Foundation
import Multiformats
import NIOCore
import Testing

@testable import Libp2p

/// Two (or more) of our hosts on 127.0.0.1: connect, identify, ping, a custom echo protocol, disconnect.
@Suite("Libp2p hosts on loopback")
struct TwoHostTests {
    static let echo = "/lotus-swift/echo/1.0.0"

    /// Echoes every byte back until the peer closes its side, then closes ours.
    static func serveEcho(_ stream: Libp2pStream) async {
        do {
            while let chunk = try await stream.read() {
                try await stream.write(chunk)
            }
            try await stream.closeWrite()
        } catch {
            stream.reset()
        }
    }

    @Test("connect: the dialler learns the listener's peer ID, both list the connection with its direction")
    func connect() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            let peer = try await b.connect(HostFixture.dialAddress(a))
            #expect(peer == a.peerID)
            let outbound = b.connectedPeers()
            #expect(outbound.map(\.peerID) == [a.peerID])
            #expect(outbound.first?.direction == .outbound)
            #expect(outbound.first?.remoteAddress == a.listenAddresses[0])
            #expect(await HostFixture.eventually { a.connectedPeers().map(\.peerID) == [b.peerID] })
            #expect(a.connectedPeers().first?.direction == .inbound)
            // A second connect to a connected peer reuses the connection.
            #expect(try await b.connect(HostFixture.dialAddress(a)) == a.peerID)
            #expect(b.connectedPeers().count == 1)
        }
    }

    @Test("identify: peer ID, public key, listen addresses, protocols, agent, protocol version, observed address")
    func identify() async throws {
        let configs = [HostFixture.config(agent: "host-a/0.1"), HostFixture.config(agent: "host-b/0.2")]
        try await HostFixture.withHosts(configs) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            a.setStreamHandler(Self.echo, handler: Self.serveEcho)
            try await b.connect(HostFixture.dialAddress(a))
            let info = try #require(b.identifyInfo(a.peerID))
            #expect(info.publicKey.peerID == a.peerID)
            #expect(info.agentVersion == "host-a/0.1")
            #expect(info.protocolVersion == "ipfs/0.1.0")
            #expect(Set(info.protocols) == [Libp2pHost.identifyProtocol, Libp2pHost.pingProtocol, Self.echo])
            #expect(info.listenAddresses == a.listenAddresses)
            // What A saw as B's address is what B's socket is bound to.
            let seenByA = try #require(await HostFixture.eventually { a.connectedPeers().count == 1 } ? a.connectedPeers()[0].remoteAddress : nil)
            #expect(info.observedAddress == seenByA)
            // A identified B too, on the same connection.
            #expect(await HostFixture.eventually { a.identifyInfo(b.peerID) != nil })
            #expect(a.identifyInfo(b.peerID)?.agentVersion == "host-b/0.2")
            #expect(a.identifyInfo(b.peerID)?.protocols.contains(Self.echo) == false)
        }
    }

    @Test("ping: one round trip, and five on one stream")
    func ping() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            try await b.connect(HostFixture.dialAddress(a))
            let rtt = try await b.ping(a.peerID)
            #expect(rtt > .zero)
            let rtts = try await a.ping(b.peerID, count: 5)
            #expect(rtts.count == 5)
            #expect(rtts.allSatisfy { $0 > .zero })
            let zero = await #expect(throws: Libp2pHostError.self) { _ = try await a.ping(b.peerID, count: 0) }
            #expect(zero?.kind == .invalidArgument)
        }
    }

    @Test("echo: 8 MiB each way on 16 parallel streams, every byte checked")
    func echoSixteenStreams() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            a.setStreamHandler(Self.echo, handler: Self.serveEcho)
            try await b.connect(HostFixture.dialAddress(a))
            let size = 8 * 1024 * 1024
            // Open and negotiate all 16 first, so the transfers run side by side.
            var streams: [Libp2pStream] = []
            for _ in 0..<16 {
                streams.append(try await b.newStream(to: a.peerID, protocols: [Self.echo]))
            }
            #expect(streams.allSatisfy { $0.protocolID == Self.echo })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, stream) in streams.enumerated() {
                    group.addTask {
                        let payload = HostFixture.pattern(seed: UInt64(index + 1), count: size)
                        async let sent: Void = {
                            var offset = 0
                            while offset < size {
                                let end = min(offset + 100_000, size)
                                try await stream.write(ByteBuffer(bytes: payload[offset..<end]))
                                offset = end
                            }
                            try await stream.closeWrite()
                        }()
                        var received = 0
                        var firstMismatch: Int?
                        while let chunk = try await stream.read() {
                            if firstMismatch == nil, !HostFixture.matches(chunk, payload, at: received) {
                                firstMismatch = received
                            }
                            received += chunk.readableBytes
                        }
                        try await sent
                        #expect(received == size, "stream \(index)")
                        #expect(firstMismatch == nil, "stream \(index) differs from byte \(firstMismatch ?? -1)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("a protocol the peer does not serve gets na: protocolNotSupported, and the connection keeps working")
    func unknownProtocol() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            try await b.connect(HostFixture.dialAddress(a))
            let error = await #expect(throws: Libp2pHostError.self) {
                _ = try await b.newStream(to: a.peerID, protocols: ["/not/served/1.0.0"])
            }
            #expect(error?.kind == .protocolNotSupported)
            // The second proposal is taken when the first is refused.
            a.setStreamHandler(Self.echo, handler: Self.serveEcho)
            let stream = try await b.newStream(to: a.peerID, protocols: ["/not/served/1.0.0", Self.echo])
            #expect(stream.protocolID == Self.echo)
            await stream.close()
            a.removeStreamHandler(Self.echo)
            let removed = await #expect(throws: Libp2pHostError.self) {
                _ = try await b.newStream(to: a.peerID, protocols: [Self.echo])
            }
            #expect(removed?.kind == .protocolNotSupported)
            _ = try await b.ping(a.peerID)
        }
    }

    @Test("length-prefixed messages: round trip, over-limit length refused, stream ending inside a message")
    func messages() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            a.setStreamHandler("/messages/1.0.0") { stream in
                // Three messages in one write (one empty), then a 5000-byte one.
                var batch = ByteBuffer()
                for text in ["one", "", "three"] {
                    batch.writeBytes(Varint.encode(UInt64(text.utf8.count)))
                    batch.writeString(text)
                }
                try? await stream.write(batch)
                try? await stream.writeMessage([UInt8](repeating: 7, count: 5000))
                try? await stream.closeWrite()
            }
            a.setStreamHandler("/truncated/1.0.0") { stream in
                // A length prefix of 10, then 3 bytes and FIN.
                try? await stream.write(ByteBuffer(bytes: Varint.encode(10) + [1, 2, 3]))
                try? await stream.closeWrite()
            }
            try await b.connect(HostFixture.dialAddress(a))
            let stream = try await b.newStream(to: a.peerID, protocols: ["/messages/1.0.0"])
            #expect(try await stream.readMessage(maxSize: 100).map { String(buffer: $0) } == "one")
            #expect(try await stream.readMessage(maxSize: 100)?.readableBytes == 0)
            #expect(try await stream.readMessage(maxSize: 100).map { String(buffer: $0) } == "three")
            let tooLarge = await #expect(throws: Libp2pHostError.self) { _ = try await stream.readMessage(maxSize: 4999) }
            #expect(tooLarge?.kind == .messageTooLarge)
            stream.reset()

            let whole = try await b.newStream(to: a.peerID, protocols: ["/messages/1.0.0"])
            for _ in 0..<3 { _ = try await whole.readMessage(maxSize: 100) }
            #expect(try await whole.readMessage(maxSize: 5000)?.readableBytes == 5000)
            #expect(try await whole.readMessage(maxSize: 5000) == nil)

            let cut = try await b.newStream(to: a.peerID, protocols: ["/truncated/1.0.0"])
            let truncated = await #expect(throws: Libp2pHostError.self) { _ = try await cut.readMessage(maxSize: 100) }
            #expect(truncated?.kind == .protocolViolation)
        }
    }

    @Test("disconnect closes the connection on both sides; streams and pings then fail with notConnected")
    func disconnect() async throws {
        try await HostFixture.withHosts([HostFixture.config(), HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            try await b.connect(HostFixture.dialAddress(a))
            #expect(await HostFixture.eventually { a.isConnected(b.peerID) })
            await b.disconnect(a.peerID)
            #expect(b.connectedPeers().isEmpty)
            #expect(await HostFixture.eventually { a.connectedPeers().isEmpty })
            let error = await #expect(throws: Libp2pHostError.self) { _ = try await b.ping(a.peerID) }
            #expect(error?.kind == .notConnected)
            // And it can connect again.
            try await b.connect(HostFixture.dialAddress(a))
            _ = try await b.ping(a.peerID)
        }
    }

    @Test("dialling: our own address, an address without TCP, a closed port")
    func dialErrors() async throws {
        try await HostFixture.withHosts([HostFixture.config()]) { hosts in
            let a = hosts[0]
            let own = await #expect(throws: Libp2pHostError.self) { try await a.connect(HostFixture.dialAddress(a)) }
            #expect(own?.kind == .badAddress)
            let udp = await #expect(throws: Libp2pHostError.self) { try await a.connect(Multiaddr("/ip4/127.0.0.1/udp/4001")) }
            #expect(udp?.kind == .badAddress)
            let closedPort = try Multiaddr("/ip4/127.0.0.1/tcp/1/p2p/\(Libp2pPrivateKey.generate().peerID)")
            let refused = await #expect(throws: Libp2pHostError.self) { try await a.connect(closedPort) }
            #expect(refused?.kind == .dialFailed)
        }
        let idle = Libp2pHost(config: HostFixture.config(), logger: LogRecorder().logger("idle"))
        let notRunning = await #expect(throws: Libp2pHostError.self) { try await idle.connect(Multiaddr("/ip4/127.0.0.1/tcp/4001")) }
        #expect(notRunning?.kind == .notRunning)
    }
}
