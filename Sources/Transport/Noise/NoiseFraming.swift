import NIOCore

/// libp2p Noise framing: every Noise message is preceded by its length as a 2-byte big-endian integer.
public enum NoiseFraming {
    /// Takes one complete frame's body off the front of `buffer`, or returns nil (consuming nothing)
    /// if the frame is not complete yet. A 2-byte length cannot exceed 65535, so no limit check is needed.
    public static func readFrame(from buffer: inout ByteBuffer) -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
            buffer.readableBytes >= 2 + Int(length)
        else { return nil }
        buffer.moveReaderIndex(forwardBy: 2)
        return buffer.readSlice(length: Int(length))
    }

    /// Appends `message` (at most 65535 bytes) with its length prefix.
    public static func writeFrame(_ message: [UInt8], into buffer: inout ByteBuffer) {
        precondition(message.count <= 65535, "a Noise message is at most 65535 bytes")
        buffer.writeInteger(UInt16(message.count))
        buffer.writeBytes(message)
    }
}
