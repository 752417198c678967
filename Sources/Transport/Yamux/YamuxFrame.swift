import NIOCore

/// The 12-byte header that starts every yamux frame (hashicorp/yamux `spec.md`, "Framing"):
/// version (8 bits), type (8), flags (16), stream ID (32), length (32), all big-endian.
///
/// The meaning of ``length`` depends on ``type``: the payload size of a data frame, the window
/// delta of a window update, the opaque value of a ping, the error code of a go-away.
public struct YamuxFrame: Sendable, Hashable, CustomStringConvertible {
    /// Size of the header on the wire.
    public static let headerSize = 12
    /// The only protocol version defined.
    public static let version: UInt8 = 0

    /// The frame type (the second header byte).
    public enum FrameType: UInt8, Sendable, Hashable, CaseIterable {
        /// Stream data; ``YamuxFrame/length`` payload bytes follow the header.
        case data = 0
        /// A delta added to the receiver's send window for the stream.
        case windowUpdate = 1
        /// A ping (flag SYN) or its answer (flag ACK) carrying an opaque value.
        case ping = 2
        /// The session is ending; the length is a ``YamuxGoAwayCode``.
        case goAway = 3
    }

    /// The flag bits defined by the spec; any other bit set is a protocol error.
    public struct Flags: OptionSet, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Opens a stream (data or window update), or marks a ping request.
        public static let syn = Flags(rawValue: 0x1)
        /// Accepts a stream (data or window update), or marks a ping answer.
        public static let ack = Flags(rawValue: 0x2)
        /// Half-closes the stream: the sender will send no more data.
        public static let fin = Flags(rawValue: 0x4)
        /// Resets the stream in both directions at once.
        public static let rst = Flags(rawValue: 0x8)
        /// Every defined bit.
        public static let all: Flags = [.syn, .ack, .fin, .rst]

        public var description: String {
            var names: [String] = []
            if contains(.syn) { names.append("SYN") }
            if contains(.ack) { names.append("ACK") }
            if contains(.fin) { names.append("FIN") }
            if contains(.rst) { names.append("RST") }
            let unknown = rawValue & ~Flags.all.rawValue
            if unknown != 0 { names.append("0x" + String(unknown, radix: 16)) }
            return names.isEmpty ? "0" : names.joined(separator: "|")
        }
    }

    /// The frame type.
    public var type: FrameType
    /// The flags.
    public var flags: Flags
    /// The stream the frame addresses; 0 is the session itself (ping, go-away).
    public var streamID: UInt32
    /// Payload size, window delta, ping value or go-away code, depending on ``type``.
    public var length: UInt32

    /// A header with the given fields (version is always 0).
    public init(type: FrameType, flags: Flags = [], streamID: UInt32, length: UInt32) {
        self.type = type
        self.flags = flags
        self.streamID = streamID
        self.length = length
    }

    public var description: String {
        "\(type) flags=\(flags) stream=\(streamID) length=\(length)"
    }

    /// Appends the 12 header bytes to `buffer`.
    public func write(to buffer: inout ByteBuffer) {
        // One 8-byte and one 4-byte store instead of five: version, type, flags and stream ID
        // pack into the first big-endian UInt64.
        let first = UInt64(Self.version) << 56 | UInt64(type.rawValue) << 48 | UInt64(flags.rawValue) << 32 | UInt64(streamID)
        buffer.writeInteger(first, endianness: .big)
        buffer.writeInteger(length, endianness: .big)
    }

    /// Reads one header from the front of `buffer` and checks it against the spec and `limits`.
    ///
    /// - Returns: the header, or `nil` (and `buffer` untouched) when fewer than 12 bytes are readable.
    /// - Throws: ``YamuxError`` of kind ``YamuxError/Kind/protocolViolation`` for a wrong version,
    ///   an unknown type or flag, a session frame with a stream ID (or a stream frame without one),
    ///   a ping without exactly one of SYN/ACK, or a data length above `maxDataLength`.
    ///   The bytes are consumed in that case; the session is over anyway.
    public static func read(from buffer: inout ByteBuffer, maxDataLength: UInt32 = .max) throws(YamuxError) -> YamuxFrame? {
        guard let first = buffer.readInteger(endianness: .big, as: UInt64.self) else { return nil }
        guard let length = buffer.readInteger(endianness: .big, as: UInt32.self) else {
            buffer.moveReaderIndex(to: buffer.readerIndex - 8)
            return nil
        }
        let version = UInt8(truncatingIfNeeded: first >> 56)
        let rawType = UInt8(truncatingIfNeeded: first >> 48)
        let flags = Flags(rawValue: UInt16(truncatingIfNeeded: first >> 32))
        let streamID = UInt32(truncatingIfNeeded: first)
        guard version == Self.version else {
            throw YamuxError(.protocolViolation, "yamux frame has version \(version); only version 0 exists — the peer is not speaking yamux 1.0.0")
        }
        guard let type = FrameType(rawValue: rawType) else {
            throw YamuxError(.protocolViolation, "yamux frame has unknown type \(rawType) (defined: 0 data, 1 window update, 2 ping, 3 go-away)")
        }
        let frame = YamuxFrame(type: type, flags: flags, streamID: streamID, length: length)
        try frame.validate(maxDataLength: maxDataLength)
        return frame
    }

    /// Checks the header fields that do not depend on session state.
    func validate(maxDataLength: UInt32) throws(YamuxError) {
        guard flags.isSubset(of: .all) else {
            throw YamuxError(.protocolViolation, "yamux frame \(self) has undefined flag bits")
        }
        switch type {
        case .data, .windowUpdate:
            guard streamID != 0 else {
                throw YamuxError(.protocolViolation, "yamux \(type) frame addresses stream 0, which is reserved for the session")
            }
            if type == .data, length > maxDataLength {
                throw YamuxError(
                    .protocolViolation,
                    "yamux data frame on stream \(streamID) announces \(length) bytes, more than the largest window this session grants (\(maxDataLength))")
            }
        case .ping:
            guard streamID == 0 else {
                throw YamuxError(.protocolViolation, "yamux ping carries stream ID \(streamID); pings must use stream 0")
            }
            guard flags == .syn || flags == .ack else {
                throw YamuxError(.protocolViolation, "yamux ping has flags \(flags); it must be exactly SYN (request) or ACK (answer)")
            }
        case .goAway:
            guard streamID == 0 else {
                throw YamuxError(.protocolViolation, "yamux go-away carries stream ID \(streamID); go-away must use stream 0")
            }
        }
    }
}
