import Multiformats
import NIOCore

extension Multiaddr {
    /// `/ip4/<a>/tcp/<port>` or `/ip6/<a>/tcp/<port>` for a TCP socket address; IPv4-mapped IPv6 addresses
    /// become `/ip4` as go-libp2p reports them. Nil for Unix sockets.
    init?(socketAddress: SocketAddress) {
        guard let text = socketAddress.ipAddress, let port = socketAddress.port, let tcp = UInt16(exactly: port) else { return nil }
        let ip: Component
        switch socketAddress {
        case .v4:
            guard let address = try? IPv4Address(text) else { return nil }
            ip = .ip4(address)
        case .v6:
            guard let address = try? IPv6Address(text) else { return nil }
            ip = address.ipv4Mapped.map(Component.ip4) ?? .ip6(address)
        case .unixDomainSocket:
            return nil
        }
        guard let address = try? Multiaddr(components: [ip, .tcp(tcp)]) else { return nil }
        self = address
    }
}
