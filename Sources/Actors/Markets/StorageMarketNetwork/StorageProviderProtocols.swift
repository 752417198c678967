import Libp2p
import Logging
import Multiformats
import StorageMarket

/// The provider's storage-market protocols on a libp2p host (go-fil-markets `storagemarket/network`): deal proposals
/// (`/fil/storage/mk/1.1.0`), asks (`/fil/storage/ask/1.1.0`) and deal status (`/fil/storage/status/1.1.0`), each a
/// single request and response of raw CBOR items on a fresh stream. What the answers say is the provider's
/// (``StorageMarket/StorageProviderHandling``); this type only frames them, bounds how long a peer may take to ask,
/// and closes the stream.
public enum StorageProviderProtocols {
    /// How long a peer has to send its request once the stream is open.
    public static let requestTimeout: Duration = .seconds(30)

    /// Serves the three protocols on `host` with `provider`.
    public static func register(on host: Libp2pHost, provider: any StorageProviderHandling, logger: Logger) {
        host.setStreamHandler(StorageMarketProtocol.deal) { stream in
            await serve(stream, logger: logger) { bytes in
                try await provider.handleProposal(try DealProposalMessage.decode(bytes), from: stream.remotePeer.description)
            }
        }
        host.setStreamHandler(StorageMarketProtocol.ask) { stream in
            await serve(stream, logger: logger) { bytes in try await provider.handleAsk(try AskRequest.decode(bytes)) }
        }
        host.setStreamHandler(StorageMarketProtocol.dealStatus) { stream in
            await serve(stream, logger: logger) { bytes in try await provider.handleStatus(try DealStatusRequest.decode(bytes)) }
        }
    }

    /// Reads one request, writes the answer, closes. A request that cannot be read or answered resets the stream,
    /// with a log line naming the peer.
    static func serve<Answer: CBORMapEncoded>(
        _ stream: Libp2pStream, logger: Logger, _ answer: @Sendable ([UInt8]) async throws -> Answer
    ) async {
        do {
            let request = try await stream.readCBORItem(timeout: requestTimeout)
            try await stream.writeCBOR(try await answer(request))
            try await stream.closeWrite()
            await stream.close()
        } catch {
            logger.info("storage market request refused", metadata: ["protocol": "\(stream.protocolID)", "peer": "\(stream.remotePeer)", "error": "\(error)"])
            stream.reset()
        }
    }
}
