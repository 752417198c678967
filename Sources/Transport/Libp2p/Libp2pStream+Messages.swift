import Multiformats
import NIOCore

extension Libp2pStream {
    /// Reads one uvarint-length-prefixed message (the framing identify and most libp2p protocols use).
    ///
    /// - Parameter maxSize: the largest message accepted; a longer length prefix throws before the body is read.
    /// - Returns: the message body, or nil when the peer closed the stream cleanly before a new message began.
    /// - Throws: ``Libp2pHostError`` `.messageTooLarge` for a length over `maxSize`, `.protocolViolation` for a
    ///   malformed prefix or a stream that ends inside a message; muxer errors when the stream is reset.
    public func readMessage(maxSize: Int) async throws -> ByteBuffer? {
        var buffer = ByteBuffer()
        var length: Int?
        while true {
            if length == nil, buffer.readableBytes > 0 {
                let decoded: (value: UInt64, length: Int)?
                do {
                    decoded = try Varint.decodeIfComplete(buffer.readableBytesView)
                } catch {
                    throw Libp2pHostError(
                        .protocolViolation, "\(protocolID) from \(remotePeer): bad message length prefix (\(error.message))")
                }
                if let decoded {
                    guard decoded.value <= UInt64(maxSize) else {
                        throw Libp2pHostError(
                            .messageTooLarge,
                            "\(protocolID) from \(remotePeer): a \(decoded.value)-byte message is over the \(maxSize)-byte limit")
                    }
                    buffer.moveReaderIndex(forwardBy: decoded.length)
                    length = Int(decoded.value)
                }
            }
            if let length, buffer.readableBytes >= length {
                let message = buffer.readSlice(length: length)!
                try unread(buffer)
                return message
            }
            guard var more = try await read() else {
                if length == nil && buffer.readableBytes == 0 { return nil }
                throw Libp2pHostError(
                    .protocolViolation,
                    "\(protocolID) from \(remotePeer): the stream ended inside a message"
                        + (length.map { " (\(buffer.readableBytes) of \($0) bytes)" } ?? " (in its length prefix)"))
            }
            if buffer.readableBytes == 0 {
                buffer = more
            } else {
                buffer.writeBuffer(&more)
            }
        }
    }

    /// Writes `message` with its uvarint length prefix, in one muxer write.
    public func writeMessage(_ message: ByteBuffer) async throws {
        var framed = ByteBuffer()
        framed.reserveCapacity(Varint.maxLength + message.readableBytes)
        framed.writeBytes(Varint.encode(UInt64(message.readableBytes)))
        framed.writeImmutableBuffer(message)
        try await write(framed)
    }

    /// Writes `message` with its uvarint length prefix.
    public func writeMessage(_ message: some Collection<UInt8>) async throws {
        try await writeMessage(ByteBuffer(bytes: message))
    }

    /// Reads exactly `count` bytes.
    /// - Throws: ``Libp2pHostError`` `.protocolViolation` when the stream ends first.
    public func readExactly(_ count: Int) async throws -> ByteBuffer {
        var buffer = ByteBuffer()
        while buffer.readableBytes < count {
            guard var more = try await read() else {
                throw Libp2pHostError(
                    .protocolViolation, "\(protocolID) from \(remotePeer): the stream ended after \(buffer.readableBytes) of \(count) bytes")
            }
            buffer.writeBuffer(&more)
        }
        let result = buffer.readSlice(length: count)!
        try unread(buffer)
        return result
    }
}
