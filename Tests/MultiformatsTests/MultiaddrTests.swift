import Foundation
import Multiformats
import Testing

/// Vectors from formats-and-peers.md §3, multiformats/multiaddr `test/multiaddr.feature`, and
/// go-multiaddr's `multiaddr_test.go` (TestStringToBytes, TestConstructSucceeds/Fails, TestRoundTrip,
/// TestDecapsulate, TestHTTPPath, TestDNS).
@Suite struct MultiaddrTests {
    let specPeer = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    @Test func textToBinaryVectors() throws {
        let vectors: [(String, String)] = [
            ("/ip4/192.0.2.42/tcp/443", "04c000022a0601bb"),
            ("/ip4/127.0.0.1/tcp/2345/http", "047f000001060929e003"),
            ("/ip6/::/tcp/1234", "29" + String(repeating: "00", count: 16) + "0604d2"),
            ("/dns4/example.com/tcp/443/https", "360b6578616d706c652e636f6d0601bbbb03"),
            ("/ip4/127.0.0.1/udp/1234", "047f000001910204d2"),
            ("/ip4/127.0.0.1/tcp/4321", "047f0000010610e1"),
            ("/ip4/127.0.0.1/udp/1234/ip4/127.0.0.1/tcp/4321", "047f000001910204d2047f0000010610e1"),
            ("/ip4/127.0.0.1/tcp/24001/p2p/\(specPeer)",
             "047f000001065dc1a50326" + "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"),
        ]
        for (text, hex) in vectors {
            let address = try Multiaddr(text)
            #expect(TestHex.encode(address.bytes) == hex, "\(text)")
            let decoded = try Multiaddr(bytes: TestHex.decode(hex))
            #expect(decoded == address)
            #expect(decoded.description == text)
        }
    }

    @Test func goodAddressesFromGoMultiaddr() throws {
        let good = [
            "/ip4/1.2.3.4", "/ip4/0.0.0.0", "/ip6/::1", "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21",
            "/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21/udp/1234/quic-v1", "/udp/0", "/tcp/0", "/udp/65535", "/tcp/65535",
            "/ipfs/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
            "/ipfs/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
            "/p2p/bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm",
            "/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
            "/p2p/k51qzi5uqu5dhb6l8spkdx7yxafegfkee5by8h7lmjh2ehc2sgg34z7c15vzqs",
            "/p2p/bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u",
            "/tcp/1234/http", "/tcp/1234/tls/http", "/tcp/1234/https",
            "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234",
            "/ip4/127.0.0.1/tcp/1234/", "/ip4/127.0.0.1/udp/1234/quic-v1",
            "/unix/a/b/c/d/e", "/unix/stdio", "/ip4/1.2.3.4/tcp/80/unix/a/b/c/d/e/f",
            "/ip4/127.0.0.1/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC/tcp/1234/unix/stdio",
            "/ip4/127.0.0.1/tcp/127/ws", "/ip4/127.0.0.1/tcp/127/tls/ws", "/ip4/127.0.0.1/tcp/127/wss",
            "/http-path/tmp%2Fbar", "/http-path/tmp%2Fbar%2Fbaz", "/http-path/foo",
            "/ip4/127.0.0.1/tcp/0/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV/http-path/foo",
            "/ip4/127.0.0.1/tcp/443/tls/sni/example.com/http/http-path/foo",
            "/dnsaddr/bootstrap.libp2p.io", "/dns6/example.com/udp/443/quic-v1", "/dns/localhost/tcp/1234",
            "/ip4/198.51.100.1/tcp/4001/p2p/\(specPeer)/p2p-circuit/p2p/12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV",
        ]
        for text in good {
            let address = try Multiaddr(text)
            #expect(try Multiaddr(bytes: address.bytes) == address, "\(text)")
            #expect(try Multiaddr(address.description) == address, "\(text)")
        }
    }

    @Test func canonicalTextRoundTrips() throws {
        for text in [
            "/unix/a/b/c/d", "/ip6/::ffff:127.0.0.1/tcp/111", "/ip4/127.0.0.1/tcp/123/tls", "/ip4/127.0.0.1/udp/123/ip6/::",
            "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP", "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP/unix/a/b/c",
            "/http-path/tmp%2Fbar", "/ip6/2001:db8::1/tcp/80", "/ip6/fe80::1:2/udp/1/quic-v1",
        ] {
            #expect(try Multiaddr(text).description == text)
        }
        // Aliases and non-canonical input print canonically.
        let rewrites: [(String, String)] = [
            ("/ipfs/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP", "/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP"),
            ("/p2p/bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6", "/p2p/\(specPeer)"),
            ("/ip6/2001:DB8:0:0:0:0:0:1", "/ip6/2001:db8::1"),
            ("/ip6/0:0:0:0:0:ffff:c000:22a", "/ip6/::ffff:192.0.2.42"),
            ("/tcp/0443", "/tcp/443"),
            ("/http-path/a b+c", "/http-path/a+b+c"),
            ("/ip4/1.2.3.4///", "/ip4/1.2.3.4"),
        ]
        for (input, canonical) in rewrites {
            #expect(try Multiaddr(input).description == canonical, "\(input)")
        }
    }

    @Test func badAddressesFromGoMultiaddr() {
        let bad = [
            "/ip4", "/ip4/::1", "/ip4/fdpsofodsajfdoisa", "/ip6", "/udp", "/tcp", "/sctp", "/udp/65536", "/tcp/65536",
            "/quic-v1/65536", "/udp/1234/sctp", "/ip4/127.0.0.1/udp/jfodsajfidosajfoidsa", "/ip4/127.0.0.1/udp",
            "/ip4/127.0.0.1/tcp/jfodsajfidosajfoidsa", "/ip4/127.0.0.1/tcp", "/ip4/127.0.0.1/quic/1234",
            "/ip4/127.0.0.1/quic-v1/1234", "/ip4/127.0.0.1/ipfs", "/ip4/127.0.0.1/ipfs/tcp", "/ip4/127.0.0.1/p2p",
            "/ip4/127.0.0.1/p2p/tcp", "/unix", "/ip4/1.2.3.4/tcp/80/unix", "/ip4/1.2.3.4/tcp/-1",
            "/ip4/127.0.0.1/tcp/9090/http/p2p-webcrt-direct", "/", "",
            "/p2p/QmxoHT6iViN5xAjoz1VZ553cL31U9F94ht3QvWR1FrEbZY",
            "/p2p/k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl-", "/p2p/?unknownmultibase",
            "/p2p/k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z",
            "/http-path/thisIsMissingAfullByte%f", "/http-path/%zz",
            // Our own: leading zeros in IPv4, brackets and zones in IPv6, empty names, no leading slash.
            "/ip4/01.2.3.4", "/ip4/1.2.3", "/ip4/1.2.3.4.5", "/ip4/256.1.1.1", "/ip6/[::1]", "/ip6/fe80::1%eth0",
            "/ip6/1:2:3:4:5:6:7:8:9", "/ip6/1::2::3", "/ip6/12345::", "/ip6/1:2:3:4:5:6:7:8::", "/ip6/:1", "/ip6/1:",
            "/dns//tcp/1", "ip4/1.2.3.4", "/tcp/+80", "/tcp/ 80",
        ]
        for text in bad {
            #expect(throws: MultiformatsError.self, "\(text)") { try Multiaddr(text) }
        }
        let unknown = #expect(throws: MultiformatsError.self) { try Multiaddr("/ip4/1.2.3.4/foo/1") }
        #expect(unknown?.kind == .unsupported)
        #expect(unknown?.message.contains("unknown protocol 'foo'") == true)
    }

    @Test func badBinary() throws {
        let cases: [(String, MultiformatsError.Kind)] = [
            ("", .invalidEncoding),
            ("04c00002", .truncated),                           // ip4 cut short
            ("0601", .truncated),                               // port cut short
            ("ff7f", .unsupported),                             // unknown code 16383
            ("3600", .invalidValue),                            // empty dns
            ("36022f61", .invalidValue),                        // dns name with '/'
            ("3605616263", .truncated),                         // length past the end
            // go-multiaddr TestInvalidP2PAddrBytes: a sha2-256 multihash claiming 33 digest bytes.
            ("a503221221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6", .truncated),
            ("900303" + "2f6162" + "0601bb", .invalidValue),    // a component after /unix
        ]
        for (hex, kind) in cases {
            let error = #expect(throws: MultiformatsError.self, "\(hex)") { try Multiaddr(bytes: TestHex.decode(hex)) }
            #expect(error?.kind == kind, "\(hex): \(error?.message ?? "")")
        }
        #expect(try Multiaddr(bytes: TestHex.decode("9003022f61")) == Multiaddr("/unix/a"))
        // go-multiaddr TestDNS: raw bytes "7*000…" are /dns6 with a 42-byte name.
        let dns = try? Multiaddr(bytes: Array("7*000000000000000000000000000000000000000000".utf8))
        #expect(dns?.dnsName == String(repeating: "0", count: 42))
    }

    @Test func decapsulateLikeGo() throws {
        let cases: [(String, String, String)] = [
            ("/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4", ""),
            ("/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1234", "/ip4/1.2.3.4"),
            ("/ip4/1.2.3.5/tcp/1234", "/ip4/5.3.2.1", "/ip4/1.2.3.5/tcp/1234"),
            ("/ip4/1.2.3.5/udp/1234/quic-v1", "/udp/1234", "/ip4/1.2.3.5"),
            ("/ip4/1.2.3.6/udp/1234/quic-v1", "/udp/1234/quic-v1", "/ip4/1.2.3.6"),
            ("/ip4/1.2.3.7/tcp/1234", "/ws", "/ip4/1.2.3.7/tcp/1234"),
            ("/dnsaddr/wss.com/tcp/4001/ws", "/wss", "/dnsaddr/wss.com/tcp/4001/ws"),
            ("/dnsaddr/wss.com/ws", "/dnsaddr/wss.com", ""),
            ("/dnsaddr/wss.com/tcp/4001/wss", "/wss", "/dnsaddr/wss.com/tcp/4001"),
            ("/ip4/1.2.3.4/tcp/1/ip4/1.2.3.4/tcp/2", "/ip4/1.2.3.4", "/ip4/1.2.3.4/tcp/1"),  // last occurrence
        ]
        for (left, right, expected) in cases {
            #expect(try Multiaddr(left).decapsulate(Multiaddr(right)).description == expected, "\(left) - \(right)")
        }
        let address = try Multiaddr("/ip4/1.2.3.4/tcp/80/p2p/\(specPeer)")
        #expect(address.decapsulate(.p2p).description == "/ip4/1.2.3.4/tcp/80")
        #expect(address.decapsulate(.udp) == address)
        #expect(address.decapsulate(try Multiaddr(components: [])) == address)
    }

    @Test func componentsAndAccessors() throws {
        let peer = try PeerID(specPeer)
        let base = try Multiaddr(components: [.ip4(IPv4Address(192, 0, 2, 42)), .tcp(443)])
        #expect(base.description == "/ip4/192.0.2.42/tcp/443")
        let full = try base.appending(.p2p(peer))
        #expect(full.peerID == peer && full.tcpPort == 443 && full.udpPort == nil)
        #expect(full.ip == .v4(IPv4Address(192, 0, 2, 42)))
        #expect(full.components.map(\.protocol) == [.ip4, .tcp, .p2p])
        #expect(full.contains(.p2p) && !full.contains(.quicV1))
        #expect(try base.appending(Multiaddr("/tls/sni/example.com/http")).description
            == "/ip4/192.0.2.42/tcp/443/tls/sni/example.com/http")
        let quic = try Multiaddr("/dns6/example.com/udp/4001/quic-v1")
        #expect(quic.dnsName == "example.com" && quic.udpPort == 4001 && quic.ip == nil && quic.peerID == nil)
        let path = try Multiaddr("/http-path/tmp%2Fbar/p2p-circuit")
        #expect(path.components == [.httpPath("tmp/bar"), .p2pCircuit])
        #expect(path.components[0].valueText == "tmp%2Fbar")
    }

    @Test func componentsBuiltInCodeAreValidated() throws {
        for component: Multiaddr.Component in [.dns(""), .dns4("a/b"), .sni(""), .unix("relative"), .unix("/"), .httpPath("")] {
            #expect(throws: MultiformatsError.self, "\(component)") { try Multiaddr(components: [component]) }
        }
        let unix = try Multiaddr("/unix/tmp/socket")
        #expect(throws: MultiformatsError.self) { try unix.appending(.tcp(1)) }
    }

    @Test func ipv6Printing() throws {
        let cases: [(String, String)] = [
            ("0:0:0:0:0:0:0:0", "::"), ("0:0:0:0:0:0:0:1", "::1"), ("1:0:0:0:0:0:0:0", "1::"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),          // first of equal runs
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),        // a single zero group stays
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),                      // the longest run
            ("::1.2.3.4", "::102:304"),                              // IPv4-compatible is printed as hex
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("2001:0DB8:0000:0000:0000:FF00:0042:8329", "2001:db8::ff00:42:8329"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ]
        for (input, printed) in cases {
            #expect(try IPv6Address(input).description == printed, "\(input)")
        }
        #expect(try IPv6Address("::ffff:1.2.3.4").ipv4Mapped == IPv4Address(1, 2, 3, 4))
        #expect(IPv6Address(ipv4Mapped: IPv4Address(10, 0, 0, 1)).description == "::ffff:10.0.0.1")
    }

    @Test func jsonIsTheText() throws {
        let address = try Multiaddr("/ip4/127.0.0.1/tcp/2345/http")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        #expect(String(decoding: try encoder.encode([address]), as: UTF8.self) == #"["/ip4/127.0.0.1/tcp/2345/http"]"#)
        #expect(try JSONDecoder().decode([Multiaddr].self, from: encoder.encode([address])) == [address])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Multiaddr.self, from: Data(#""/foo""#.utf8)) }
    }
}
