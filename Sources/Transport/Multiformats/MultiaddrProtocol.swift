/// The multiaddr protocols this library reads and writes, with their multicodec numbers and value sizes
/// (multiformats/multiaddr `protocols.csv`).
public enum MultiaddrProtocol: UInt64, CaseIterable, Sendable, CustomStringConvertible {
    /// `ip4`: 4-byte address.
    case ip4 = 4
    /// `tcp`: 2-byte big-endian port.
    case tcp = 6
    /// `udp`: 2-byte big-endian port.
    case udp = 273
    /// `ip6`: 16-byte address.
    case ip6 = 41
    /// `dns`: a name to resolve to A and AAAA records.
    case dns = 53
    /// `dns4`: a name to resolve to A records only.
    case dns4 = 54
    /// `dns6`: a name to resolve to AAAA records only.
    case dns6 = 55
    /// `dnsaddr`: a name whose TXT records hold multiaddrs.
    case dnsaddr = 56
    /// `p2p` (alias `ipfs` when parsing): a peer ID, binary as its multihash.
    case p2p = 421
    /// `tls`: no value.
    case tls = 448
    /// `sni`: the TLS server name.
    case sni = 449
    /// `quic-v1`: no value.
    case quicV1 = 461
    /// `http`: no value.
    case http = 480
    /// `http-path`: URL-query-escaped in text, raw in binary.
    case httpPath = 481
    /// `https`: no value (deprecated alias for `/tls/http`).
    case https = 443
    /// `ws`: no value.
    case ws = 477
    /// `wss`: no value (deprecated alias for `/tls/ws`).
    case wss = 478
    /// `p2p-circuit`: no value.
    case p2pCircuit = 290
    /// `unix`: a socket path; it takes the rest of the text address and must come last.
    case unix = 400

    /// The multicodec number.
    public var code: UInt64 { rawValue }

    /// The text name, as in `/quic-v1`.
    public var name: String {
        switch self {
        case .ip4: "ip4"
        case .tcp: "tcp"
        case .udp: "udp"
        case .ip6: "ip6"
        case .dns: "dns"
        case .dns4: "dns4"
        case .dns6: "dns6"
        case .dnsaddr: "dnsaddr"
        case .p2p: "p2p"
        case .tls: "tls"
        case .sni: "sni"
        case .quicV1: "quic-v1"
        case .http: "http"
        case .httpPath: "http-path"
        case .https: "https"
        case .ws: "ws"
        case .wss: "wss"
        case .p2pCircuit: "p2p-circuit"
        case .unix: "unix"
        }
    }

    /// Same as ``name``.
    public var description: String { name }

    /// The protocol called `name` in text (`ipfs` is read as ``p2p``), or nil.
    public init?(name: some StringProtocol) {
        if name == "ipfs" {
            self = .p2p
            return
        }
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// Size of the binary value: nil for a varint-length-prefixed value, else the fixed byte count.
    var fixedSize: Int? {
        switch self {
        case .ip4: 4
        case .ip6: 16
        case .tcp, .udp: 2
        case .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: 0
        case .dns, .dns4, .dns6, .dnsaddr, .p2p, .sni, .httpPath, .unix: nil
        }
    }

    /// True for protocols without a value.
    var hasValue: Bool { fixedSize != 0 }
}
