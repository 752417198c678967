import HTTP2Transport
import Testing

@Suite("API endpoint parsing")
struct APIEndpointTests {
    @Test(
        "multiaddrs and URLs",
        arguments: [
            ("/ip4/127.0.0.1/tcp/2345/http", APIEndpoint(host: "127.0.0.1", port: 2345)),
            ("/ip4/10.0.0.2/tcp/1234/https", APIEndpoint(host: "10.0.0.2", port: 1234, tls: true)),
            ("/ip4/127.0.0.1/tcp/2345", APIEndpoint(host: "127.0.0.1", port: 2345)),
            ("/ip4/127.0.0.1/tcp/2345/ws", APIEndpoint(host: "127.0.0.1", port: 2345)),
            ("/ip6/::1/tcp/2345/http", APIEndpoint(host: "::1", port: 2345)),
            ("/dns4/miner.local/tcp/2345/http", APIEndpoint(host: "miner.local", port: 2345)),
            ("/dns/example.org/tcp/443/wss", APIEndpoint(host: "example.org", port: 443, tls: true)),
            ("http://127.0.0.1:2345", APIEndpoint(host: "127.0.0.1", port: 2345)),
            ("https://node.example:8443/rpc/v0", APIEndpoint(host: "node.example", port: 8443, tls: true, path: "/rpc/v0")),
            ("ws://127.0.0.1:1234/rpc/v1", APIEndpoint(host: "127.0.0.1", port: 1234, path: "/rpc/v1")),
            ("wss://[::1]:2345", APIEndpoint(host: "::1", port: 2345, tls: true)),
            (" http://localhost:80 ", APIEndpoint(host: "localhost", port: 80)),
        ])
    func parses(text: String, expected: APIEndpoint) throws {
        #expect(try APIEndpoint.parse(text) == expected)
    }

    @Test("URLs and multiaddrs print back", arguments: [
        (APIEndpoint(host: "::1", port: 2345), "http://[::1]:2345", "/ip6/::1/tcp/2345/http"),
        (APIEndpoint(host: "127.0.0.1", port: 2345, tls: true), "https://127.0.0.1:2345", "/ip4/127.0.0.1/tcp/2345/https"),
        (APIEndpoint(host: "miner.local", port: 1), "http://miner.local:1", "/dns/miner.local/tcp/1/http"),
    ])
    func prints(endpoint: APIEndpoint, url: String, multiaddr: String) {
        #expect(endpoint.httpURL == url)
        #expect(endpoint.multiaddr == multiaddr)
    }

    @Test("bad addresses explain what is expected", arguments: [
        "", "127.0.0.1:2345", "/ip4/127.0.0.1/udp/2345/http", "/ip4/300.0.0.1/tcp/2345/http", "/ip4/127.0.0.1/tcp/99999/http",
        "/ip4/127.0.0.1/tcp/2345/quic", "ftp://host:21", "http://:80", "http://host:port",
    ])
    func rejects(text: String) {
        #expect(throws: HTTPTransportError(
            .badAddress,
            "cannot parse API address '\(text)': expected a multiaddr like /ip4/127.0.0.1/tcp/2345/http or a URL like http://127.0.0.1:2345"
        )) { try APIEndpoint.parse(text) }
    }
}
