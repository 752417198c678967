/// The rules for protocol IDs we propose or support: UTF-8, starting with `/`, no newline, and short
/// enough that the message (ID plus newline) fits the limit.
///
/// IDs a *peer* proposes are not held to these rules: anything we do not support is answered `na`.
public enum MultistreamProtocolID {
    /// Checks a protocol ID given by the local caller.
    ///
    /// - Throws: ``MultistreamError`` `.invalidProtocolID` naming the ID and the broken rule.
    public static func validate(_ id: String, maxMessageLength: Int = 1024) throws(MultistreamError) {
        guard id.utf8.first == UInt8(ascii: "/") else {
            throw MultistreamError(.invalidProtocolID, "protocol ID \"\(id)\" must start with \"/\" (e.g. \"/noise\", \"/yamux/1.0.0\")")
        }
        guard !id.utf8.contains(UInt8(ascii: "\n")) else {
            throw MultistreamError(.invalidProtocolID, "protocol ID \(id.debugDescription) must not contain a newline")
        }
        guard id.utf8.count + 1 <= maxMessageLength else {
            throw MultistreamError(.invalidProtocolID, "protocol ID \"\(id.prefix(40))…\" is \(id.utf8.count) bytes; with its newline it must fit in \(maxMessageLength) bytes")
        }
    }

    /// Checks a list of IDs: each valid, at least one, no duplicates.
    static func validate(_ ids: [String], role: String, maxMessageLength: Int) throws(MultistreamError) {
        guard !ids.isEmpty else {
            throw MultistreamError(.invalidProtocolID, "the \(role) was given no protocol IDs; pass at least one")
        }
        var seen = Set<String>()
        for id in ids {
            try validate(id, maxMessageLength: maxMessageLength)
            guard seen.insert(id).inserted else {
                throw MultistreamError(.invalidProtocolID, "protocol ID \"\(id)\" is listed twice for the \(role)")
            }
        }
    }
}
