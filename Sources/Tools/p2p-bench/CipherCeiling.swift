import Crypto
import NIOCore
import Noise

/// The Noise transport cipher on its own: what one core does sealing and opening the same bytes in full-size
/// frames, with no sockets, muxer or tasks. One stream over loopback seals and opens every byte once, so this is
/// the ceiling that stream runs against (with two cores, sealing and opening can overlap, at best doubling it).
enum CipherCeiling {
    /// Seals `totalBytes` of plaintext in frames of ``NoiseTransportHandler/maxPlaintextPerFrame`` and opens each
    /// again, on the calling thread.
    /// - Returns: plaintext megabytes per second.
    static func measure(totalBytes: Int) throws -> Double {
        let key = SymmetricKey(size: .bits256)
        var sender = NoiseCipherState(key: key)
        var receiver = NoiseCipherState(key: key)
        let frame = ByteBuffer(repeating: 0xA5, count: NoiseTransportHandler.maxPlaintextPerFrame)
        var sealed = ByteBuffer()
        var opened = ByteBuffer()
        sealed.reserveCapacity(frame.readableBytes + NoiseCipherState.tagLength)
        opened.reserveCapacity(frame.readableBytes)
        let clock = ContinuousClock()
        let start = clock.now
        var done = 0
        while done < totalBytes {
            sealed.clear()
            opened.clear()
            try sender.encrypt(frame, appendingTo: &sealed)
            try receiver.decrypt(sealed, appendingTo: &opened)
            guard opened.readableBytes == frame.readableBytes else {
                throw BenchFailure("a sealed frame opened to \(opened.readableBytes) bytes, not \(frame.readableBytes)")
            }
            done += frame.readableBytes
        }
        return Throughput.megabytesPerSecond(done, clock.now - start)
    }
}
