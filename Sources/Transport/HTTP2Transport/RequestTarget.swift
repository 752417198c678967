/// The path and query of a request target (`/rpc/v0?token=…`).
struct RequestTarget {
    var path: String
    var query: [(name: String, value: String)]

    init(uri: String) {
        let pathEnd = uri.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? uri.endIndex
        path = String(uri[..<pathEnd])
        query = []
        guard pathEnd < uri.endIndex, uri[pathEnd] == "?" else { return }
        let queryText = uri[uri.index(after: pathEnd)...].prefix { $0 != "#" }
        for pair in queryText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            query.append((name: Self.percentDecoded(parts[0]), value: parts.count > 1 ? Self.percentDecoded(parts[1]) : ""))
        }
    }

    func value(of name: String) -> String? { query.first { $0.name == name }?.value }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
