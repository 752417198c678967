import Multiformats
import NIOCore
import NIOPosix
import Testing

@testable import Libp2p

/// Listening as Lotus does by default (`/ip4/0.0.0.0/tcp/N` and `/ip6/::/tcp/N`) and what that announces.
@Suite("Listen addresses")
struct ListenAddressTests {
    /// A TCP port free right now on 0.0.0.0 and ::.
    static func freePort() async throws -> Int {
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "::", port: 0).get()
        let port = probe.localAddress?.port ?? 0
        try await probe.close()
        return port
    }

    @Test("0.0.0.0 and :: on the same port both bind; peers reach either; identify announces interface addresses")
    func wildcardListeners() async throws {
        let port = try await Self.freePort()
        let config = HostFixture.config {
            $0.listenAddresses = [try! Multiaddr("/ip4/0.0.0.0/tcp/\(port)"), try! Multiaddr("/ip6/::/tcp/\(port)")]
            $0.noAnnounceAddresses = [try! Multiaddr("/ip6/::1/tcp/\(port)")]
        }
        try await HostFixture.withHosts([config, HostFixture.config()]) { hosts in
            let (a, b) = (hosts[0], hosts[1])
            #expect(a.listenAddresses.map(\.description) == ["/ip4/0.0.0.0/tcp/\(port)", "/ip6/::/tcp/\(port)"])
            let announced = a.announcedAddresses.map(\.description)
            #expect(announced.contains("/ip4/127.0.0.1/tcp/\(port)"))
            #expect(!announced.contains("/ip6/::1/tcp/\(port)"), "removed by NoAnnounceAddresses")
            #expect(!announced.contains { $0.hasPrefix("/ip4/0.0.0.0") || $0.hasPrefix("/ip6/::/") })
            for text in ["/ip4/127.0.0.1/tcp/\(port)", "/ip6/::1/tcp/\(port)"] {
                let peer = try await b.connect(Multiaddr("\(text)/p2p/\(a.peerID)"))
                #expect(peer == a.peerID)
                #expect(b.connectedPeers().first?.remoteAddress.description == text)
                #expect(b.identifyInfo(a.peerID)?.listenAddresses.map(\.description) == announced)
                await b.disconnect(a.peerID)
            }
        }
    }

    @Test("a port already taken: run() fails with bindFailed naming the address and the config key")
    func portTaken() async throws {
        try await HostFixture.withHosts([HostFixture.config()]) { hosts in
            let taken = hosts[0].listenAddresses[0]
            let second = Libp2pHost(config: HostFixture.config { $0.listenAddresses = [taken] }, logger: LogRecorder().logger("second"))
            let error = await #expect(throws: Libp2pHostError.self) { try await second.run() }
            #expect(error?.kind == .bindFailed)
            #expect(error?.message.contains(taken.description) == true)
            #expect(error?.message.contains("ListenAddresses") == true)
            let waiting = await #expect(throws: Libp2pHostError.self) { _ = try await second.waitUntilListening() }
            #expect(waiting?.kind == .bindFailed)
        }
    }
}
