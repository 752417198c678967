import Multiformats

/// The host and port of a TCP multiaddr: `/ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>`, optionally followed by
/// `/p2p/<peer ID>`. Anything else (UDP, QUIC, websockets, TLS, relays) is not a transport this host speaks.
struct TCPEndpoint: Sendable, Equatable {
    /// An IP address text or a DNS name.
    let host: String
    /// The TCP port.
    let port: Int

    /// An endpoint from its parts.
    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `address`.
    /// - Parameter purpose: `"listen"` or `"dial"`, for the error message.
    /// - Throws: ``Libp2pHostError`` `.badAddress` naming the address and the forms accepted.
    init(_ address: Multiaddr, purpose: String) throws(Libp2pHostError) {
        var components = address.components[...]
        if case .p2p? = components.last { components = components.dropLast() }
        let host: String?
        switch components.first {
        case .ip4(let ip)?: host = ip.description
        case .ip6(let ip)?: host = ip.description
        case .dns(let name)?, .dns4(let name)?, .dns6(let name)?:
            host = purpose == "listen" ? nil : name
        default: host = nil
        }
        guard let host, components.count == 2, case .tcp(let port) = components.last else {
            throw Libp2pHostError(
                .badAddress,
                "cannot \(purpose) on \(address): this host speaks TCP only; use /ip4/<address>/tcp/<port> or /ip6/<address>/tcp/<port>"
                    + (purpose == "dial" ? " (or /dns4|dns6/<name>/tcp/<port>), followed by /p2p/<peer ID>" : ""))
        }
        self.host = host
        self.port = Int(port)
    }
}
