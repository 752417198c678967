// libFuzzer target: yamux frame headers and lengths read from arbitrary bytes, frame after frame.
import NIOCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYamux(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var buffer = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    while let frame = try? YamuxFrame.read(from: &buffer, maxDataLength: 1 << 20) {
        _ = frame
        if buffer.readableBytes == 0 { break }
    }
    return 0
}
