import NIOCore

/// The body of an answer to `ls`, in either format of ``MultistreamListFormat``.
///
/// The multistream-select README describes the answer loosely; implementations differ:
/// go-multistream (until it removed `ls` in v0.3) sent one message whose body is the protocols as
/// length-prefixed lines (`03 2f 61 0a 03 2f 62 0a`), py-libp2p sends one message whose body is
/// `"/a\n/b\n"`. ``decode(_:)`` accepts both.
public enum MultistreamProtocolList {
    /// The message body (without the message's own trailing newline) listing `protocols`.
    public static func encode(_ protocols: [String], format: MultistreamListFormat) -> ByteBuffer {
        var body = ByteBuffer()
        for id in protocols {
            if format == .nested {
                MultistreamMessage.write(id, into: &body)
            } else {
                body.writeString(id)
                body.writeInteger(UInt8(ascii: "\n"))
            }
        }
        return body
    }

    /// The protocols in an `ls` answer's body, whichever format the peer used.
    ///
    /// The nested form is tried first and accepted only if it covers the whole body and every entry
    /// starts with `/`; otherwise the body is read as newline-separated lines.
    /// - Throws: ``MultistreamError`` `.malformedMessage` if the body is in neither form.
    public static func decode(_ body: ByteBuffer) throws(MultistreamError) -> [String] {
        if let nested = decodeNested(body) { return nested }
        let text = try MultistreamMessage.text(of: body)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.allSatisfy({ $0.hasPrefix("/") }) else {
            throw MultistreamError(.malformedMessage, "the answer to ls is neither length-prefixed lines nor newline-separated protocol IDs")
        }
        return lines
    }

    private static func decodeNested(_ body: ByteBuffer) -> [String]? {
        var rest = body
        var out: [String] = []
        while rest.readableBytes > 0 {
            guard let entry = try? MultistreamMessage.readText(from: &rest, maxLength: body.readableBytes),
                entry.hasPrefix("/")
            else { return nil }
            out.append(entry)
        }
        return out
    }
}
