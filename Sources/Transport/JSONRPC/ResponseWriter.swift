import APICore

/// Builds JSON-RPC 2.0 messages by concatenation: the envelope is fixed text, only payloads are encoded.
enum ResponseWriter {
    /// `null`, the id of a reply to a request whose id could not be read.
    static let nullID = ArraySlice(Array("null".utf8))

    private static let resultPrefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)

    static func result(id: ArraySlice<UInt8>, json: [UInt8]) -> [UInt8] {
        var out = resultPrefix
        out.reserveCapacity(out.count + id.count + json.count + 12)
        out.append(contentsOf: id)
        out.append(contentsOf: Array(#","result":"#.utf8))
        out.append(contentsOf: json)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func error(id: ArraySlice<UInt8>, _ error: RPCError) -> [UInt8] {
        var out = resultPrefix
        out.append(contentsOf: id)
        out.append(contentsOf: Array(#","error":{"code":"#.utf8))
        out.append(contentsOf: Array(String(error.code.rawValue).utf8))
        out.append(contentsOf: Array(#","message":"#.utf8))
        out.append(contentsOf: JSONCoding.quoted(error.message))
        out.append(contentsOf: Array("}}".utf8))
        return out
    }

    static func request(id: UInt64, method: String, params: [UInt8]) -> [UInt8] {
        var out = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        out.append(contentsOf: Array(String(id).utf8))
        out.append(contentsOf: Array(#","method":"#.utf8))
        out.append(contentsOf: JSONCoding.quoted(method))
        out.append(contentsOf: Array(#","params":["#.utf8))
        out.append(contentsOf: params)
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    static func notification(method: String, params: [UInt8]) -> [UInt8] {
        var out = Array(#"{"jsonrpc":"2.0","method":"#.utf8)
        out.append(contentsOf: JSONCoding.quoted(method))
        out.append(contentsOf: Array(#","params":["#.utf8))
        out.append(contentsOf: params)
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// `xrpc.ch.val` carrying `[chanID, value]`.
    static func channelValue(channel: UInt64, json: [UInt8]) -> [UInt8] {
        var params = Array(String(channel).utf8)
        params.append(UInt8(ascii: ","))
        params.append(contentsOf: json)
        return notification(method: "xrpc.ch.val", params: params)
    }

    /// `xrpc.ch.close` carrying `[chanID]`.
    static func channelClose(channel: UInt64) -> [UInt8] {
        notification(method: "xrpc.ch.close", params: Array(String(channel).utf8))
    }
}
