import APICore

/// A Lotus API info string: `<JWT>:<multiaddr-or-URL>` (e.g. `eyJ…:/ip4/127.0.0.1/tcp/2345/http`), or an
/// address alone. A leading `MINER_API_INFO=` / `MARKETS_API_INFO=` / `FULLNODE_API_INFO=` is accepted, so the
/// output of `lotus-miner auth api-info` can be pasted as it is.
public struct APIInfo: Sendable, Equatable, CustomStringConvertible {
    public var token: String?
    public var address: String

    public init(token: String?, address: String) {
        self.token = token
        self.address = address
    }

    /// Parses an API info string with go's rule: if it looks like `a.b.c:rest` the part before the first
    /// `:` is the token.
    /// - Throws: ``APICore/RPCError`` saying what the expected shape is.
    public static func parse(_ raw: String) throws -> APIInfo {
        var text = raw.trimmingCharacters(in: " \n\t")
        if let equals = text.firstIndex(of: "="), text[..<equals].hasSuffix("_API_INFO") {
            text = String(text[text.index(after: equals)...])
        }
        guard !text.isEmpty else {
            throw RPCError(.invalidParams, "empty API info; expected TOKEN:/ip4/HOST/tcp/PORT/http (the output of `lotus-miner auth api-info --perm=admin`)")
        }
        if let colon = text.firstIndex(of: ":") {
            let head = text[..<colon]
            if head.split(separator: ".", omittingEmptySubsequences: false).count == 3,
                head.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
            {
                let address = String(text[text.index(after: colon)...])
                guard !address.isEmpty else {
                    throw RPCError(.invalidParams, "API info '\(raw)' has a token but no address; expected TOKEN:/ip4/HOST/tcp/PORT/http")
                }
                return APIInfo(token: String(head), address: address)
            }
        }
        guard text.hasPrefix("/") || text.contains("://") else {
            throw RPCError(.invalidParams, "cannot parse API info '\(raw)': expected TOKEN:/ip4/HOST/tcp/PORT/http or TOKEN:http://HOST:PORT")
        }
        return APIInfo(token: nil, address: text)
    }

    /// `TOKEN:ADDRESS`, as Lotus prints it.
    public var description: String { token.map { "\($0):\(address)" } ?? address }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
