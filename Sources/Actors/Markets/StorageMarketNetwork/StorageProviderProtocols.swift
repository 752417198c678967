import Libp2p
import Logging
import Multiformats
import NIOCore
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
        host.setStreamHandler(StorageMarketProtocol.dataPush) { stream in
            await receiveData(stream, provider: provider, logger: logger)
        }
        host.setStreamHandler(StorageMarketProtocol.retrieval) { stream in
            await serveRetrieval(stream, provider: provider, logger: logger)
        }
        host.setStreamHandler(StorageMarketProtocol.dealStatus) { stream in
            await serve(stream, logger: logger) { bytes in try await provider.handleStatus(try DealStatusRequest.decode(bytes)) }
        }
    }

    /// How long a pushing client may go without sending a byte before its stream is reset (what arrived is kept).
    public static let dataIdleTimeout: Duration = .seconds(60)

    /// A client's push of deal data: the request, the offset to resume from, the bytes, the total held.
    static func receiveData(_ stream: Libp2pStream, provider: any StorageProviderHandling, logger: Logger) async {
        do {
            let request = try DealDataPushRequest.decode(try await stream.readCBORItem(timeout: requestTimeout))
            let receiver: any DealDataReceiver
            do {
                receiver = try await provider.receiveData(for: request.proposal, from: stream.remotePeer.description)
            } catch {
                try await stream.writeCBOR(DealDataPushReply(offset: 0, error: "\(error)"))
                try await stream.closeWrite()
                await stream.close()
                return
            }
            try await stream.writeCBOR(DealDataPushReply(offset: receiver.offset))
            do {
                while let chunk = try await stream.readChunk(timeout: dataIdleTimeout) {
                    try await receiver.append(Array(chunk.readableBytesView))
                }
            } catch {
                await receiver.suspend()
                throw error
            }
            let reply: DealDataPushReply
            do {
                reply = DealDataPushReply(offset: try await receiver.finish())
            } catch {
                reply = DealDataPushReply(offset: receiver.offset, error: "\(error)")
            }
            try await stream.writeCBOR(reply)
            try await stream.closeWrite()
            await stream.close()
        } catch {
            logger.info("deal data push stopped", metadata: ["peer": "\(stream.remotePeer)", "error": "\(error)"])
            stream.reset()
        }
    }

    /// A retrieval by data CID: the request, the size (or the refusal), the CAR's bytes.
    static func serveRetrieval(_ stream: Libp2pStream, provider: any StorageProviderHandling, logger: Logger) async {
        do {
            let request = try RetrievalRequest.decode(try await stream.readCBORItem(timeout: requestTimeout))
            let client = stream.remotePeer.description
            let found: (deal: UInt64, size: UInt64, bytes: AsyncThrowingStream<[UInt8], any Error>)
            do {
                found = try await provider.retrieve(request.payloadCID, for: client)
            } catch {
                try await stream.writeCBOR(RetrievalReply(size: 0, error: "\(error)"))
                try await stream.closeWrite()
                await stream.close()
                return
            }
            var sent: UInt64 = 0
            do {
                try await stream.writeCBOR(RetrievalReply(size: found.size))
                for try await chunk in found.bytes {
                    try await stream.write(ByteBuffer(bytes: chunk))
                    sent += UInt64(chunk.count)
                }
                try await stream.closeWrite()
                await stream.close()
            } catch {
                await provider.retrievalEnded(found.deal, client: client, sent: sent, error: "\(error)")
                throw error
            }
            await provider.retrievalEnded(found.deal, client: client, sent: sent, error: nil)
        } catch {
            logger.info("retrieval stopped", metadata: ["peer": "\(stream.remotePeer)", "error": "\(error)"])
            stream.reset()
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
