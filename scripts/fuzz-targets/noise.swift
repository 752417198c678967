// libFuzzer target: Noise frames (2-byte length prefix) and a responder's XX handshake fed arbitrary messages.
import Multiformats
import NIOCore

let fuzzIdentity = Libp2pPrivateKey.generate()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNoise(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var buffer = ByteBuffer(bytes: bytes)
    var frames: [[UInt8]] = []
    while let frame = NoiseFraming.readFrame(from: &buffer) { frames.append(Array(buffer: frame)) }
    var responder = NoiseLibp2pHandshake(role: .responder, configuration: NoiseConfiguration(identity: fuzzIdentity))
    _ = try? responder.start()
    for message in frames.isEmpty ? [bytes] : frames {
        guard (try? responder.receive(message)) != nil else { break }
    }
    return 0
}
