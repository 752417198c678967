import Logging
import Multiformats
import NIOCore

extension Libp2pHost {
    /// Registers the identify and ping handlers every host serves.
    func installBuiltinHandlers() {
        setStreamHandler(Self.identifyProtocol) { [weak self] stream in
            guard let self else { return stream.reset() }
            await self.serveIdentify(stream)
        }
        setStreamHandler(Self.pingProtocol) { [weak self] stream in
            guard let self else { return stream.reset() }
            await Self.servePing(stream, logger: self.logger)
        }
    }

    /// The identify message this host sends to a peer that reached it from `observed`.
    func identifyMessage(observed: Multiaddr?) -> IdentifyMessage {
        IdentifyMessage(
            publicKey: config.identity.publicKey.marshaled,
            listenAddresses: announcedAddresses.map(\.bytes),
            protocols: protocols,
            observedAddress: observed?.bytes,
            protocolVersion: Self.protocolVersion,
            agentVersion: config.agentVersion)
    }

    /// Answers an identify request: one length-prefixed message, then FIN.
    func serveIdentify(_ stream: Libp2pStream) async {
        let message = identifyMessage(observed: stream.remoteAddress)
        do {
            try await stream.writeMessage(message.encoded())
            try await stream.closeWrite()
        } catch {
            logger.debug("identify answer failed", metadata: ["peer": "\(stream.remotePeer)", "error": "\(error)"])
            stream.reset()
        }
    }

    /// Asks the peer of `connection` who it is and stores the answer on the connection. Failures are logged,
    /// not thrown: a peer that does not answer identify is still connected.
    func identify(_ connection: Libp2pConnection) async {
        defer { connection.identifyDone.succeed() }
        let peer = connection.remotePeer
        let expired = ExpiryFlag()
        var stream: Libp2pStream?
        do {
            let opened = try await openStream(on: connection, protocols: [Self.identifyProtocol])
            stream = opened
            let resetOnTimeout = connection.channel.eventLoop.scheduleTask(in: TimeAmount(config.limits.handshakeTimeout)) {
                expired.set()
                opened.reset()
            }
            defer { resetOnTimeout.cancel() }
            guard let body = try await opened.readMessage(maxSize: config.limits.maxIdentifyMessageSize) else {
                throw Libp2pHostError(.protocolViolation, "\(peer) closed the identify stream without an answer")
            }
            let info = try IdentifyMessage(decoding: body.readableBytesView).info(expectedPeer: peer)
            connection.identify = info
            try? await opened.closeWrite()
            logger.debug(
                "identified peer",
                metadata: ["peer": "\(peer)", "agent": "\(info.agentVersion)", "protocols": "\(info.protocols.count)"])
        } catch {
            stream?.reset()
            logger.warning(
                "identify with peer failed", metadata: ["peer": "\(peer)", "error": "\(error)", "timedOut": "\(expired.isSet)"])
        }
    }
}
