// libFuzzer target: the JSON-RPC request scanner (envelope, id, params split) on arbitrary bytes. Compiled into the
// JSONRPC module by scripts/fuzz, so it reaches the internal scanner.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRPC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let message = try? JSONRPCMessage(parsing: bytes) { _ = message.idBytes }
    return 0
}
