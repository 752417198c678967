import Logging
import NIOCore

/// The libp2p Noise transport phase on a channel: inbound, 2-byte big-endian length-prefixed
/// ChaCha20-Poly1305 frames become plaintext; outbound plaintext becomes frames.
///
/// ``NoiseHandshakeHandler`` puts it in its own place when the handshake completes. Each outbound
/// write is split into frames of at most ``maxPlaintextPerFrame`` bytes (65535 minus the 16-byte tag)
/// and encrypted into one buffer, so a write costs one allocation however many frames it needs. All
/// complete frames of one inbound read are decrypted into one buffer and passed on as one
/// `channelRead`. A frame that fails authentication closes the connection with a log line; nothing
/// after it is passed on.
public final class NoiseTransportHandler: ChannelDuplexHandler, RemovableChannelHandler {
    /// Ciphertext frames from the peer.
    public typealias InboundIn = ByteBuffer
    /// Plaintext for the next handler.
    public typealias InboundOut = ByteBuffer
    /// Plaintext to send.
    public typealias OutboundIn = ByteBuffer
    /// Ciphertext frames to the peer.
    public typealias OutboundOut = ByteBuffer

    /// The most plaintext one frame carries: 65535 - 16.
    public static let maxPlaintextPerFrame = NoiseHandshakeState.maxMessageLength - NoiseCipherState.tagLength
    private static let frameOverhead = 2 + NoiseCipherState.tagLength

    private var sendCipher: NoiseCipherState
    private var receiveCipher: NoiseCipherState
    private let logger: Logger
    private var pending: ByteBuffer?
    private var failed = false

    /// A transport handler with the ciphers from ``NoiseHandshakeState/split()``.
    public init(send: NoiseCipherState, receive: NoiseCipherState, logger: Logger = Logger(label: "noise")) {
        sendCipher = send
        receiveCipher = receive
        self.logger = logger
    }

    /// Decrypts every complete frame in the bytes received so far and passes the plaintext on as one read.
    ///
    /// A frame split across reads is completed by copying only the bytes it lacks from the front of the new
    /// read; the rest of the read is decrypted where it lies, and its incomplete tail is kept as a slice.
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var input = unwrapInboundIn(data)
        // Room for everything received so far, so appending the frames never grows the buffer.
        let received = (pending?.readableBytes ?? 0) + input.readableBytes
        var plaintext: ByteBuffer?
        if var partial = pending.take() {
            Self.complete(&partial, from: &input)
            guard Self.frameLength(partial) == partial.readableBytes else {
                pending = partial  // the whole read went into it and it is still short
                return
            }
            guard decryptFrames(&partial, into: &plaintext, capacity: received, context: context) else { return }
        }
        guard decryptFrames(&input, into: &plaintext, capacity: received, context: context) else { return }
        if input.readableBytes > 0 {
            pending = input.readSlice(length: input.readableBytes)
        }
        if let plaintext, plaintext.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(plaintext))
        }
    }

    /// The length of the frame at the front of `buffer` with its 2-byte prefix, or nil while the prefix is incomplete.
    private static func frameLength(_ buffer: ByteBuffer) -> Int? {
        buffer.getInteger(at: buffer.readerIndex, as: UInt16.self).map { 2 + Int($0) }
    }

    /// Moves from the front of `input` into `partial` what the frame begun in `partial` still lacks (or all of
    /// `input`, when that is less).
    private static func complete(_ partial: inout ByteBuffer, from input: inout ByteBuffer) {
        if partial.readableBytes < 2 {
            var prefix = input.readSlice(length: min(2 - partial.readableBytes, input.readableBytes))!
            partial.writeBuffer(&prefix)
        }
        guard let length = frameLength(partial) else { return }
        var rest = input.readSlice(length: min(length - partial.readableBytes, input.readableBytes))!
        partial.writeBuffer(&rest)
    }

    /// Decrypts the complete frames at the front of `input` into `plaintext` (allocated with `capacity` on first
    /// use) and leaves an incomplete tail in `input`. A frame that fails to decrypt closes the connection: returns
    /// false then.
    private func decryptFrames(
        _ input: inout ByteBuffer, into plaintext: inout ByteBuffer?, capacity: Int, context: ChannelHandlerContext
    ) -> Bool {
        while let length = Self.frameLength(input), input.readableBytes >= length {
            if plaintext == nil {
                plaintext = context.channel.allocator.buffer(capacity: capacity)
            }
            input.moveReaderIndex(forwardBy: 2)
            let frame = input.readSlice(length: length - 2)!
            do {
                try receiveCipher.decrypt(frame, appendingTo: &plaintext!)
            } catch {
                failed = true
                pending = nil
                logger.error(
                    "closing connection: Noise frame failed to decrypt",
                    metadata: ["error": "\(error)", "remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
                context.close(promise: nil)
                return false
            }
        }
        return true
    }

    /// Encrypts the plaintext into frames of at most ``maxPlaintextPerFrame`` bytes, all in one buffer.
    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var plaintext = unwrapOutboundIn(data)
        guard plaintext.readableBytes > 0 else {
            context.write(wrapOutboundOut(plaintext), promise: promise)
            return
        }
        let frames = (plaintext.readableBytes + Self.maxPlaintextPerFrame - 1) / Self.maxPlaintextPerFrame
        var output = context.channel.allocator.buffer(capacity: plaintext.readableBytes + frames * Self.frameOverhead)
        do {
            while plaintext.readableBytes > 0 {
                let chunk = plaintext.readSlice(length: min(plaintext.readableBytes, Self.maxPlaintextPerFrame))!
                output.writeInteger(UInt16(chunk.readableBytes + NoiseCipherState.tagLength))
                try sendCipher.encrypt(chunk, appendingTo: &output)
            }
        } catch {
            logger.error("closing connection: Noise encryption failed", metadata: ["error": "\(error)"])
            promise?.fail(error)
            context.close(promise: nil)
            return
        }
        context.write(wrapOutboundOut(output), promise: promise)
    }
}

@available(*, unavailable)
extension NoiseTransportHandler: Sendable {}
