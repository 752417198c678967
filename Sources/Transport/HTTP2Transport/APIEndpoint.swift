/// Where a Lotus API listens: host, port and whether it speaks TLS, parsed from the forms Lotus
/// writes and accepts — the repo `api` file's multiaddr (`/ip4/127.0.0.1/tcp/2345/http`) or a URL
/// from `MINER_API_INFO=<token>:<url>` (`http://127.0.0.1:2345/rpc/v0`, `ws://…`, `wss://…`).
///
/// `ws`/`wss` map to plain/TLS HTTP: this transport carries JSON-RPC over HTTP/2 POST on the same port.
public struct APIEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP literal, without brackets (`::1`, not `[::1]`).
    public var host: String
    public var port: Int
    /// `https`/`wss` (TLS) versus `http`/`ws` (cleartext).
    public var tls: Bool
    /// The path given in a URL (e.g. `/rpc/v0`), `nil` for a multiaddr or a URL without one.
    public var path: String?

    public init(host: String, port: Int, tls: Bool = false, path: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.path = path
    }

    /// `http://host:port` or `https://host:port` (IPv6 literals in brackets), without a path.
    public var httpURL: String {
        "\(tls ? "https" : "http")://\(hostHeader)"
    }

    /// The `Host` (HTTP/1.1) or `:authority` (HTTP/2) of a request to this endpoint: `host:port`, IPv6 literals in
    /// brackets.
    public var hostHeader: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The multiaddr Lotus writes to the repo `api` file, e.g. `/ip4/127.0.0.1/tcp/2345/http`.
    public var multiaddr: String {
        let proto: String
        if host.contains(":") {
            proto = "ip6"
        } else if host.split(separator: ".").count == 4, host.allSatisfy({ $0.isNumber || $0 == "." }) {
            proto = "ip4"
        } else {
            proto = "dns"
        }
        return "/\(proto)/\(host)/tcp/\(port)/\(tls ? "https" : "http")"
    }

    public var description: String { httpURL + (path ?? "") }

    /// Parses a multiaddr or a URL.
    /// - Throws: ``HTTPTransportError`` (`.badAddress`) saying what was expected.
    public static func parse(_ text: String) throws -> APIEndpoint {
        let trimmed = text.trimmingSpaces
        let parsed = trimmed.hasPrefix("/") ? parseMultiaddr(trimmed) : parseURL(trimmed)
        guard let endpoint = parsed else {
            throw HTTPTransportError(
                .badAddress,
                "cannot parse API address '\(text)': expected a multiaddr like /ip4/127.0.0.1/tcp/2345/http "
                    + "or a URL like http://127.0.0.1:2345")
        }
        return endpoint
    }

    static func parseMultiaddr(_ text: String) -> APIEndpoint? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard parts.count >= 4, ["ip4", "ip6", "dns", "dns4", "dns6"].contains(parts[0]), !parts[1].isEmpty,
            parts[2] == "tcp", let port = Int(parts[3]), (1...65535).contains(port)
        else { return nil }
        if parts[0] == "ip4" && !isIPv4(parts[1]) { return nil }
        if parts[0] == "ip6" && !parts[1].contains(":") { return nil }
        var tls = false
        switch parts.count {
        case 4:
            break
        case 5:
            switch parts[4] {
            case "http", "ws": tls = false
            case "https", "wss", "tls": tls = true
            default: return nil
            }
        case 6 where parts[4] == "tls" && (parts[5] == "http" || parts[5] == "ws"):
            tls = true
        default:
            return nil
        }
        return APIEndpoint(host: parts[1], port: port, tls: tls)
    }

    static func parseURL(_ text: String) -> APIEndpoint? {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return nil }
        let tls: Bool
        switch text[..<colon].lowercased() {
        case "http", "ws": tls = false
        case "https", "wss": tls = true
        default: return nil
        }
        let rest = text[text.index(colon, offsetBy: 3)...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let pathPart = rest[authority.endIndex...].prefix { $0 != "?" }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        let port: Int
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        } else {
            port = tls ? 443 : 80
        }
        return APIEndpoint(host: String(host), port: port, tls: tls, path: pathPart.isEmpty ? nil : String(pathPart))
    }

    static func isIPv4(_ text: String) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            guard !octet.isEmpty, octet.count <= 3, let value = Int(octet) else { return false }
            return value <= 255
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
