import Multiformats
import NIOCore

/// Decides which addresses identify announces, as Lotus's address factory does: the `AnnounceAddresses` when
/// any are set, otherwise the listen addresses with unspecified IPs (`0.0.0.0`, `::`) replaced by each
/// address of this machine's interfaces (go-libp2p's `ResolveUnspecifiedAddresses`, link-local IPv6 left
/// out); then every address in `NoAnnounceAddresses` removed (exact match).
struct AddressAnnouncer: Sendable {
    /// Lotus `AnnounceAddresses`.
    let announce: [Multiaddr]
    /// Lotus `NoAnnounceAddresses`.
    let noAnnounce: [Multiaddr]

    /// The addresses to announce, given the bound listen addresses and the interface addresses.
    func announced(listening: [Multiaddr], interfaces: [IPAddress]) -> [Multiaddr] {
        let candidates = announce.isEmpty ? listening.flatMap { Self.expand($0, interfaces: interfaces) } : announce
        let excluded = Set(noAnnounce)
        var seen = Set<Multiaddr>()
        return candidates.filter { !excluded.contains($0) && seen.insert($0).inserted }
    }

    /// `address` itself, or one address per interface address of the same family when its IP is unspecified.
    static func expand(_ address: Multiaddr, interfaces: [IPAddress]) -> [Multiaddr] {
        guard let first = address.components.first else { return [address] }
        let rest = address.components.dropFirst()
        let replacements: [Multiaddr.Component]
        switch first {
        case .ip4(let ip) where ip.rawValue == 0:
            replacements = interfaces.compactMap { if case .v4(let v4) = $0 { return .ip4(v4) } else { return nil } }
        case .ip6(let ip) where ip.bytes.allSatisfy({ $0 == 0 }):
            replacements = interfaces.compactMap { interface in
                guard case .v6(let v6) = interface, !isLinkLocal(v6), v6.ipv4Mapped == nil else { return nil }
                return .ip6(v6)
            }
        default:
            return [address]
        }
        return replacements.compactMap { try? Multiaddr(components: [$0] + rest) }
    }

    /// `fe80::/10`.
    static func isLinkLocal(_ address: IPv6Address) -> Bool {
        address.bytes[0] == 0xFE && address.bytes[1] & 0xC0 == 0x80
    }

    /// The IP addresses of this machine's network interfaces, loopback included; empty when they cannot be read.
    static func interfaceAddresses() -> [IPAddress] {
        guard let devices = try? System.enumerateDevices() else { return [] }
        var seen = Set<IPAddress>()
        return devices.compactMap { device -> IPAddress? in
            guard let address = device.address, let text = address.ipAddress else { return nil }
            switch address {
            case .v4: return (try? IPv4Address(text)).map(IPAddress.v4)
            case .v6: return (try? IPv6Address(text.split(separator: "%").first.map(String.init) ?? text)).map(IPAddress.v6)
            case .unixDomainSocket: return nil
            }
        }.filter { seen.insert($0).inserted }
    }
}
