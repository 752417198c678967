import NIOCore

/// The multistream-select wire message: `uvarint(length) || text || "\n"`, where `length` counts the
/// text and the newline.
///
/// `/multistream/1.0.0` is `13 2f 6d 75 6c 74 69 73 74 72 65 61 6d 2f 31 2e 30 2e 30 0a` and `na` is `03 6e 61 0a`.
public enum MultistreamMessage {
    /// The multistream-select 1.0 header, sent by both sides first.
    public static let header = "/multistream/1.0.0"
    /// The responder's answer to a protocol it does not support.
    public static let notAvailable = "na"
    /// The command that asks the responder for its protocol list.
    public static let list = "ls"

    /// Appends `text` as one message to `buffer`.
    public static func write(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            writeUVarint(UInt64(utf8.count + 1), into: &buffer)
            buffer.writeBytes(utf8)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// Appends the raw `body` (without its newline) as one message to `buffer`.
    public static func write(body: ByteBuffer, into buffer: inout ByteBuffer) {
        writeUVarint(UInt64(body.readableBytes + 1), into: &buffer)
        buffer.writeImmutableBuffer(body)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// One message encoded on its own.
    public static func encode(_ text: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(text.utf8.count + 3)
        write(text, into: &buffer)
        return buffer
    }

    /// Takes one complete message off the front of `buffer` and returns its body without the trailing
    /// newline, or returns `nil` and leaves `buffer` untouched when the message is not complete yet.
    ///
    /// - Throws: ``MultistreamError`` `.messageTooLong` as soon as the length prefix exceeds `maxLength`
    ///   (before the body arrives), `.malformedMessage` for a non-minimal or overlong prefix, an empty
    ///   message or one without the trailing newline.
    public static func readBody(from buffer: inout ByteBuffer, maxLength: Int) throws(MultistreamError) -> ByteBuffer? {
        guard let (length, prefixLength) = try peekLength(buffer, maxLength: maxLength) else { return nil }
        guard buffer.readableBytes >= prefixLength + length else { return nil }
        guard length > 0 else {
            throw MultistreamError(.malformedMessage, "received an empty multistream-select message; every message must end in a newline")
        }
        let lastIndex = buffer.readerIndex + prefixLength + length - 1
        guard buffer.getInteger(at: lastIndex, as: UInt8.self) == UInt8(ascii: "\n") else {
            throw MultistreamError(.malformedMessage, "received a \(length)-byte multistream-select message that does not end in a newline; the peer does not speak multistream-select 1.0")
        }
        buffer.moveReaderIndex(forwardBy: prefixLength)
        let body = buffer.readSlice(length: length - 1)!
        buffer.moveReaderIndex(forwardBy: 1)
        return body
    }

    /// Like ``readBody(from:maxLength:)`` but also checks that the body is UTF-8 and returns it as text.
    public static func readText(from buffer: inout ByteBuffer, maxLength: Int) throws(MultistreamError) -> String? {
        guard let body = try readBody(from: &buffer, maxLength: maxLength) else { return nil }
        return try text(of: body)
    }

    /// The body as a string, or `.malformedMessage` if it is not UTF-8.
    static func text(of body: ByteBuffer) throws(MultistreamError) -> String {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw MultistreamError(.malformedMessage, "received a multistream-select message that is not UTF-8 (\(body.readableBytes) bytes); the peer is not speaking multistream-select")
        }
        return text
    }

    /// Reads the length prefix without consuming it: `(length, prefix byte count)`, or nil if incomplete.
    static func peekLength(_ buffer: ByteBuffer, maxLength: Int) throws(MultistreamError) -> (Int, Int)? {
        var value: UInt64 = 0
        var index = 0
        let view = buffer.readableBytesView
        var position = view.startIndex
        while position < view.endIndex {
            let byte = view[position]
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            index += 1
            if byte & 0x80 == 0 {
                if index > 1 && byte == 0 {
                    throw MultistreamError(.malformedMessage, "received a length prefix that is not minimally encoded; the peer is not speaking multistream-select")
                }
                guard value <= UInt64(maxLength) else { throw tooLong(value, maxLength) }
                return (Int(value), index)
            }
            // With a continuation bit after `index` bytes, a minimal varint is at least 2^(7·index).
            guard index < 9, UInt64(1) << (7 * UInt64(index)) <= UInt64(maxLength) else {
                throw tooLong(nil, maxLength)
            }
            position = view.index(after: position)
        }
        return nil
    }

    private static func tooLong(_ length: UInt64?, _ maxLength: Int) -> MultistreamError {
        let size = length.map { "\($0)-byte" } ?? "oversized"
        return MultistreamError(.messageTooLong, "received a \(size) multistream-select message; the limit is \(maxLength) bytes (raise MultistreamConfiguration.maxMessageLength only if a peer needs it)")
    }

    static func writeUVarint(_ value: UInt64, into buffer: inout ByteBuffer) {
        var value = value
        while value >= 0x80 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.writeInteger(UInt8(value))
    }
}
