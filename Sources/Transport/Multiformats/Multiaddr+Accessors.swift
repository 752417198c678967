extension Multiaddr {
    /// The first IP address (`/ip4` or `/ip6`), if any.
    public var ip: IPAddress? {
        for component in components {
            switch component {
            case .ip4(let address): return .v4(address)
            case .ip6(let address): return .v6(address)
            default: continue
            }
        }
        return nil
    }

    /// The first `/tcp` port, if any.
    public var tcpPort: UInt16? {
        for case .tcp(let port) in components { return port }
        return nil
    }

    /// The first `/udp` port, if any.
    public var udpPort: UInt16? {
        for case .udp(let port) in components { return port }
        return nil
    }

    /// The first DNS name (`/dns`, `/dns4`, `/dns6` or `/dnsaddr`), if any.
    public var dnsName: String? {
        for component in components {
            switch component {
            case .dns(let name), .dns4(let name), .dns6(let name), .dnsaddr(let name): return name
            default: continue
            }
        }
        return nil
    }

    /// The peer the address leads to: the last `/p2p` component (after `/p2p-circuit`, the relayed peer).
    public var peerID: PeerID? {
        for case .p2p(let peer) in components.reversed() { return peer }
        return nil
    }

    /// True when some component has protocol `proto`.
    public func contains(_ proto: MultiaddrProtocol) -> Bool {
        components.contains { $0.protocol == proto }
    }
}

/// JSON: the text form, as Lotus writes multiaddrs.
extension Multiaddr: Codable {
    /// Decodes the text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
