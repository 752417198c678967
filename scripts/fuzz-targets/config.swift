// libFuzzer target: config.toml text (TOML syntax, then every field's value checks) parsed onto the defaults.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ConfigFile.parse(text)
    return 0
}
