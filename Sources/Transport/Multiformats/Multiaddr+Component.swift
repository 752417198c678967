extension Multiaddr {
    /// One `/<protocol>/<value>` step of a multiaddr, with its value parsed.
    public enum Component: Hashable, Sendable, CustomStringConvertible {
        /// `/ip4/192.0.2.1`
        case ip4(IPv4Address)
        /// `/ip6/2001:db8::1`
        case ip6(IPv6Address)
        /// `/tcp/443`
        case tcp(UInt16)
        /// `/udp/443`
        case udp(UInt16)
        /// `/dns/example.com` (A and AAAA)
        case dns(String)
        /// `/dns4/example.com` (A only)
        case dns4(String)
        /// `/dns6/example.com` (AAAA only)
        case dns6(String)
        /// `/dnsaddr/bootstrap.libp2p.io` (TXT records with multiaddrs)
        case dnsaddr(String)
        /// `/p2p/12D3KooW…`
        case p2p(PeerID)
        /// `/tls`
        case tls
        /// `/sni/example.com`
        case sni(String)
        /// `/quic-v1`
        case quicV1
        /// `/http`
        case http
        /// `/http-path/<url-query-escaped path>`, for example `/http-path/foo%2Fbar` for `foo/bar`
        case httpPath(String)
        /// `/https` (deprecated alias for `/tls/http`)
        case https
        /// `/ws`
        case ws
        /// `/wss` (deprecated alias for `/tls/ws`)
        case wss
        /// `/p2p-circuit`
        case p2pCircuit
        /// `/unix/<absolute path>`; must be the last component
        case unix(String)

        /// The protocol of this component.
        public var `protocol`: MultiaddrProtocol {
            switch self {
            case .ip4: .ip4
            case .ip6: .ip6
            case .tcp: .tcp
            case .udp: .udp
            case .dns: .dns
            case .dns4: .dns4
            case .dns6: .dns6
            case .dnsaddr: .dnsaddr
            case .p2p: .p2p
            case .tls: .tls
            case .sni: .sni
            case .quicV1: .quicV1
            case .http: .http
            case .httpPath: .httpPath
            case .https: .https
            case .ws: .ws
            case .wss: .wss
            case .p2pCircuit: .p2pCircuit
            case .unix: .unix
            }
        }

        /// The text form, `/<name>` or `/<name>/<value>` (a unix path keeps its own leading `/`).
        public var description: String {
            guard let value = valueText else { return "/" + self.protocol.name }
            if case .unix = self { return "/unix" + value }
            return "/" + self.protocol.name + "/" + value
        }

        /// The value as written in text, or nil for protocols without one.
        public var valueText: String? {
            switch self {
            case .ip4(let address): address.description
            case .ip6(let address): address.description
            case .tcp(let port), .udp(let port): String(port)
            case .dns(let name), .dns4(let name), .dns6(let name), .dnsaddr(let name), .sni(let name): name
            case .p2p(let peer): peer.description
            case .httpPath(let path): QueryEscaping.escape(path)
            case .unix(let path): path
            case .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: nil
            }
        }

        /// The value as written in binary (without the length prefix); empty for protocols without one.
        public var valueBytes: [UInt8] {
            switch self {
            case .ip4(let address): address.bytes
            case .ip6(let address): address.bytes
            case .tcp(let port), .udp(let port): [UInt8(port >> 8), UInt8(port & 0xFF)]
            case .dns(let name), .dns4(let name), .dns6(let name), .dnsaddr(let name), .sni(let name): Array(name.utf8)
            case .p2p(let peer): peer.bytes
            case .httpPath(let path), .unix(let path): Array(path.utf8)
            case .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: []
            }
        }

        /// Appends the binary form, `varint(code) [varint(length)] value`, to `out`.
        func append(to out: inout [UInt8]) {
            let proto = self.protocol
            Varint.append(proto.code, to: &out)
            let value = valueBytes
            if proto.fixedSize == nil { Varint.append(UInt64(value.count), to: &out) }
            out.append(contentsOf: value)
        }

        /// Parses the text value of `proto`.
        init(_ proto: MultiaddrProtocol, text: Substring) throws(MultiformatsError) {
            switch proto {
            case .ip4: self = .ip4(try IPv4Address(text))
            case .ip6: self = .ip6(try IPv6Address(text))
            case .tcp: self = .tcp(try Self.port(text, proto))
            case .udp: self = .udp(try Self.port(text, proto))
            case .dns: self = .dns(try Self.hostName(String(text), proto))
            case .dns4: self = .dns4(try Self.hostName(String(text), proto))
            case .dns6: self = .dns6(try Self.hostName(String(text), proto))
            case .dnsaddr: self = .dnsaddr(try Self.hostName(String(text), proto))
            case .sni: self = .sni(try Self.hostName(String(text), proto))
            case .p2p: self = .p2p(try PeerID(text))
            case .httpPath: self = .httpPath(try Self.nonEmptyPath(QueryEscaping.unescape(text)))
            case .unix: self = .unix(try Self.absolutePath(String(text)))
            case .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: self = Self.valueless(proto)
            }
        }

        /// Parses the binary value of `proto`.
        init(_ proto: MultiaddrProtocol, bytes: [UInt8]) throws(MultiformatsError) {
            switch proto {
            case .ip4: self = .ip4(try IPv4Address(bytes: bytes))
            case .ip6: self = .ip6(try IPv6Address(bytes: bytes))
            case .tcp: self = .tcp(try Self.port(bytes, proto))
            case .udp: self = .udp(try Self.port(bytes, proto))
            case .dns: self = .dns(try Self.hostName(Self.utf8(bytes, proto), proto))
            case .dns4: self = .dns4(try Self.hostName(Self.utf8(bytes, proto), proto))
            case .dns6: self = .dns6(try Self.hostName(Self.utf8(bytes, proto), proto))
            case .dnsaddr: self = .dnsaddr(try Self.hostName(Self.utf8(bytes, proto), proto))
            case .sni: self = .sni(try Self.hostName(Self.utf8(bytes, proto), proto))
            case .p2p: self = .p2p(try PeerID(bytes: bytes))
            case .httpPath: self = .httpPath(try Self.nonEmptyPath(Self.utf8(bytes, proto)))
            case .unix: self = .unix(try Self.absolutePath(Self.utf8(bytes, proto)))
            case .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: self = Self.valueless(proto)
            }
        }

        /// Checks a component built in code: the same rules as parsing.
        func validate() throws(MultiformatsError) {
            switch self {
            case .dns(let name), .dns4(let name), .dns6(let name), .dnsaddr(let name), .sni(let name):
                _ = try Self.hostName(name, self.protocol)
            case .httpPath(let path): _ = try Self.nonEmptyPath(path)
            case .unix(let path): _ = try Self.absolutePath(path)
            case .ip4, .ip6, .tcp, .udp, .p2p, .tls, .quicV1, .http, .https, .ws, .wss, .p2pCircuit: break
            }
        }

        private static func valueless(_ proto: MultiaddrProtocol) -> Component {
            switch proto {
            case .tls: .tls
            case .quicV1: .quicV1
            case .http: .http
            case .https: .https
            case .ws: .ws
            case .wss: .wss
            default: .p2pCircuit
            }
        }

        private static func port(_ text: Substring, _ proto: MultiaddrProtocol) throws(MultiformatsError) -> UInt16 {
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let port = UInt16(text)
            else {
                throw MultiformatsError(
                    .invalidValue, "\(proto): '\(text.prefix(32))' is not a port number 0...65535")
            }
            return port
        }

        private static func port(_ bytes: [UInt8], _ proto: MultiaddrProtocol) throws(MultiformatsError) -> UInt16 {
            guard bytes.count == 2 else {
                throw MultiformatsError(.invalidValue, "\(proto): a port is 2 bytes, got \(bytes.count)")
            }
            return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        }

        private static func hostName(_ name: String, _ proto: MultiaddrProtocol) throws(MultiformatsError) -> String {
            guard !name.isEmpty else {
                throw MultiformatsError(.invalidValue, "\(proto): the name is empty")
            }
            guard !name.utf8.contains(UInt8(ascii: "/")) else {
                throw MultiformatsError(.invalidValue, "\(proto): the name '\(name.prefix(64))' contains '/'")
            }
            return name
        }

        private static func nonEmptyPath(_ path: String) throws(MultiformatsError) -> String {
            guard !path.isEmpty else {
                throw MultiformatsError(.invalidValue, "http-path: an empty path is not allowed")
            }
            return path
        }

        private static func absolutePath(_ path: String) throws(MultiformatsError) -> String {
            let bytes = Array(path.utf8)
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/") else {
                throw MultiformatsError(
                    .invalidValue,
                    "unix: '\(path.prefix(64))' is not an absolute socket path (starts with '/', does not end with '/')")
            }
            return path
        }

        private static func utf8(_ bytes: [UInt8], _ proto: MultiaddrProtocol) throws(MultiformatsError) -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw MultiformatsError(.invalidValue, "\(proto): the value is not valid UTF-8")
            }
            return text
        }
    }
}
