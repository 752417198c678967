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
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var input = unwrapInboundIn(data)
        if var earlier = pending.take() {
            earlier.writeBuffer(&input)
            input = earlier
        }
        var plaintext: ByteBuffer?
        while input.readableBytes >= 2 {
            let length = Int(input.getInteger(at: input.readerIndex, as: UInt16.self)!)
            guard input.readableBytes >= 2 + length else { break }
            if plaintext == nil {
                plaintext = context.channel.allocator.buffer(capacity: input.readableBytes)
            }
            input.moveReaderIndex(forwardBy: 2)
            let frame = input.readSlice(length: length)!
            do {
                try receiveCipher.decrypt(frame, appendingTo: &plaintext!)
            } catch {
                failed = true
                pending = nil
                logger.error(
                    "closing connection: Noise frame failed to decrypt",
                    metadata: ["error": "\(error)", "remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
                context.close(promise: nil)
                return
            }
        }
        if input.readableBytes > 0 {
            if input.readerIndex > 65536 { input.discardReadBytes() }
            pending = input
        }
        if let plaintext, plaintext.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(plaintext))
        }
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
