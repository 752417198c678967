// libFuzzer target: multiaddr (text and bytes), CID (text and bytes), peer IDs and varints from arbitrary input.
// Compiled with the Multiformats sources by scripts/fuzz; any trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultiformats(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? Multiaddr(text)
    _ = try? Multiaddr(bytes: bytes)
    _ = try? CID(text)
    _ = try? CID(bytes: bytes)
    _ = try? PeerID(text)
    return 0
}
