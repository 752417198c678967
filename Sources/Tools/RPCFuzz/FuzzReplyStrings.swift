/// Finds the string literals in a JSON reply, so values the node returns (addresses, CIDs, peer IDs) become
/// samples for later calls.
enum FuzzReplyStrings {
    static func literals(in reply: [UInt8]) -> [String] {
        var strings: [String] = []
        var index = 0
        while index < reply.count, strings.count < 64 {
            guard reply[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            var end = index + 1
            var escaped = false
            while end < reply.count, reply[end] != UInt8(ascii: "\"") {
                if reply[end] == UInt8(ascii: "\\") {
                    escaped = true
                    end += 1
                }
                end += 1
            }
            if !escaped, end < reply.count, end - index - 1 <= 200 {
                strings.append(String(decoding: reply[(index + 1)..<end], as: UTF8.self))
            }
            index = end + 1
        }
        return strings.filter { !["jsonrpc", "2.0", "result", "error", "id", "code", "message"].contains($0) }
    }
}
