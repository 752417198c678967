import Multiformats
import Testing

@testable import Libp2p

/// What identify announces, as Lotus's `AnnounceAddresses` / `NoAnnounceAddresses` decide it.
@Suite("Announced addresses")
struct AddressAnnouncerTests {
    static func addr(_ text: String) -> Multiaddr { try! Multiaddr(text) }
    static let interfaces: [IPAddress] = [
        .v4(try! IPv4Address("127.0.0.1")), .v4(try! IPv4Address("192.168.1.20")),
        .v6(try! IPv6Address("::1")), .v6(try! IPv6Address("fe80::1")), .v6(try! IPv6Address("2001:db8::5")),
    ]

    @Test("0.0.0.0 and :: expand to every interface address of their family, link-local IPv6 left out")
    func expandsUnspecified() {
        let announcer = AddressAnnouncer(announce: [], noAnnounce: [])
        let out = announcer.announced(
            listening: [Self.addr("/ip4/0.0.0.0/tcp/4001"), Self.addr("/ip6/::/tcp/4002"), Self.addr("/ip4/10.0.0.1/tcp/4003")],
            interfaces: Self.interfaces)
        #expect(out.map(\.description) == [
            "/ip4/127.0.0.1/tcp/4001", "/ip4/192.168.1.20/tcp/4001",
            "/ip6/::1/tcp/4002", "/ip6/2001:db8::5/tcp/4002",
            "/ip4/10.0.0.1/tcp/4003",
        ])
    }

    @Test("AnnounceAddresses replace the listen addresses; NoAnnounceAddresses are removed from either")
    func announceAndNoAnnounce() {
        let listening = [Self.addr("/ip4/0.0.0.0/tcp/4001")]
        let noAnnounce = AddressAnnouncer(announce: [], noAnnounce: [Self.addr("/ip4/127.0.0.1/tcp/4001")])
        #expect(noAnnounce.announced(listening: listening, interfaces: Self.interfaces).map(\.description) == ["/ip4/192.168.1.20/tcp/4001"])

        let announce = AddressAnnouncer(
            announce: [Self.addr("/dns4/sp.example.com/tcp/24001"), Self.addr("/ip4/203.0.113.7/tcp/24001")],
            noAnnounce: [Self.addr("/ip4/203.0.113.7/tcp/24001")])
        #expect(announce.announced(listening: listening, interfaces: Self.interfaces).map(\.description) == ["/dns4/sp.example.com/tcp/24001"])
    }

    @Test("this machine's interfaces include loopback")
    func interfaces() {
        #expect(AddressAnnouncer.interfaceAddresses().contains(.v4(try! IPv4Address("127.0.0.1"))))
    }

    @Test("TCP endpoints: ip4, ip6, dns for dialling; anything else is refused with the forms accepted")
    func endpoints() throws {
        #expect(try TCPEndpoint(Self.addr("/ip4/127.0.0.1/tcp/4001"), purpose: "listen") == TCPEndpoint(host: "127.0.0.1", port: 4001))
        #expect(try TCPEndpoint(Self.addr("/ip6/::1/tcp/0"), purpose: "listen") == TCPEndpoint(host: "::1", port: 0))
        let peer = Libp2pPrivateKey.generate().peerID
        #expect(try TCPEndpoint(Self.addr("/dns4/localhost/tcp/9/p2p/\(peer)"), purpose: "dial") == TCPEndpoint(host: "localhost", port: 9))
        for bad in ["/dns4/localhost/tcp/9", "/ip4/127.0.0.1/udp/9", "/ip4/127.0.0.1/tcp/9/ws", "/ip4/127.0.0.1", "/p2p/\(peer)"] {
            let error = #expect(throws: Libp2pHostError.self) { _ = try TCPEndpoint(Self.addr(bad), purpose: "listen") }
            #expect(error?.kind == .badAddress)
            #expect(error?.message.contains("/ip4/<address>/tcp/<port>") == true)
        }
    }
}

