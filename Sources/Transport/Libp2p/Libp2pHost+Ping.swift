import Logging
import Multiformats
import NIOCore

extension Libp2pHost {
    /// The size of a ping payload (libp2p/specs `ping/ping.md`).
    static let pingPayloadSize = 32

    /// Measures one round trip to `peer` over `/ipfs/ping/1.0.0`: 32 random bytes out, the same 32 back.
    /// - Throws: ``Libp2pHostError`` `.notConnected`, `.protocolNotSupported`, `.protocolViolation` (a different
    ///   echo), or stream failures.
    public func ping(_ peer: PeerID) async throws -> Duration {
        try await ping(peer, count: 1)[0]
    }

    /// Measures `count` round trips to `peer`, one after the other on one stream, as the ping spec allows.
    /// - Throws: as ``ping(_:)``, and ``Libp2pHostError`` `.invalidArgument` when `count` is below 1.
    public func ping(_ peer: PeerID, count: Int) async throws -> [Duration] {
        guard count > 0 else {
            throw Libp2pHostError(.invalidArgument, "ping count must be at least 1, got \(count)")
        }
        let stream = try await newStream(to: peer, protocols: [Self.pingProtocol])
        var rtts: [Duration] = []
        rtts.reserveCapacity(count)
        do {
            for _ in 0..<count {
                var payload = ByteBuffer()
                payload.writeBytes((0..<Self.pingPayloadSize).map { _ in UInt8.random(in: 0...255) })
                let clock = ContinuousClock()
                let start = clock.now
                try await stream.write(payload)
                let echo = try await stream.readExactly(Self.pingPayloadSize)
                let rtt = clock.now - start
                guard echo == payload else {
                    throw Libp2pHostError(.protocolViolation, "\(peer) answered ping with different bytes than it was sent")
                }
                rtts.append(rtt)
            }
            try await stream.closeWrite()
        } catch {
            stream.reset()
            throw error
        }
        return rtts
    }

    /// Serves `/ipfs/ping/1.0.0`: echoes each 32-byte payload until the peer closes its side.
    static func servePing(_ stream: Libp2pStream, logger: Logger) async {
        do {
            var pending = ByteBuffer()
            while let chunk = try await stream.read() {
                var chunk = chunk
                pending.writeBuffer(&chunk)
                let whole = pending.readableBytes - pending.readableBytes % pingPayloadSize
                if whole > 0 {
                    try await stream.write(pending.readSlice(length: whole)!)
                    pending.discardReadBytes()
                }
            }
            if pending.readableBytes > 0 {
                logger.debug("ping stream ended inside a payload", metadata: ["peer": "\(stream.remotePeer)"])
                stream.reset()
                return
            }
            try await stream.closeWrite()
        } catch {
            logger.debug("ping stream failed", metadata: ["peer": "\(stream.remotePeer)", "error": "\(error)"])
            stream.reset()
        }
    }
}
