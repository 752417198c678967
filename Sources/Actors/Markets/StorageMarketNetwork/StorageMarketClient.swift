import Foundation
import Libp2p
import NIOCore
import Multiformats
import StorageMarket

/// The client's side of the storage-market protocols: one request and its response on a fresh stream to the provider.
public struct StorageMarketClient: StorageClientNetwork {
    public let host: Libp2pHost
    /// How long the provider has to answer (a proposal waits for its checks and filter).
    public var timeout: Duration

    public init(host: Libp2pHost, timeout: Duration = .seconds(120)) {
        self.host = host
        self.timeout = timeout
    }

    /// Whether the host has a connection to `peer`.
    public func isConnected(_ peer: PeerID) -> Bool { host.isConnected(peer) }

    /// Opens a connection to `provider` unless one is open, trying each of `addresses` (with `/p2p/<provider>`
    /// appended when absent) in order.
    /// - Throws: ``StorageMarketNetworkError`` naming every address tried and why it failed, or saying there was none.
    public func connect(_ provider: PeerID, addresses: [Multiaddr]) async throws {
        if host.isConnected(provider) { return }
        guard !addresses.isEmpty else {
            throw StorageMarketNetworkError(
                "not connected to provider \(provider) and it announces no addresses on chain; the operator sets them with "
                    + "`lotus-miner actor set-addrs`, or connect first with `lotus net connect`")
        }
        var failures: [String] = []
        for address in addresses {
            do {
                let full = address.peerID == nil ? try address.appending(.p2p(provider)) : address
                try await host.connect(full)
                return
            } catch {
                failures.append("\(address): \(error)")
            }
        }
        throw StorageMarketNetworkError("cannot connect to provider \(provider): \(failures.joined(separator: "; "))")
    }

    /// Sends a deal proposal; the answer says whether the provider waits for the data or rejected the deal, and why.
    public func propose(_ proposal: DealProposalMessage, to provider: PeerID) async throws -> SignedDealResponse {
        let bytes = try await exchange(proposal, protocolID: StorageMarketProtocol.deal, with: provider)
        return try SignedDealResponse.decode(bytes)
    }

    /// Asks the provider for its current ask.
    public func queryAsk(_ request: AskRequest, of provider: PeerID) async throws -> AskResponse {
        try AskResponse.decode(try await exchange(request, protocolID: StorageMarketProtocol.ask, with: provider))
    }

    /// Asks the provider for a deal's state (the request signed by the deal's client).
    public func dealStatus(_ request: DealStatusRequest, from provider: PeerID) async throws -> DealStatusResponse {
        try DealStatusResponse.decode(try await exchange(request, protocolID: StorageMarketProtocol.dealStatus, with: provider))
    }

    /// Pushes deal `proposal`'s data to the provider on ``StorageMarket/StorageMarketProtocol/dataPush``: asks where to
    /// resume, sends `data` from there in 256 KiB writes (the muxer's window paces them), and returns the bytes the
    /// provider holds at the end. `data` is asked for the bytes from an offset to the end.
    /// - Throws: ``StorageMarketNetworkError`` with the provider's reason when it refuses, or the stream's error.
    public func push(
        _ proposal: CID, to provider: PeerID, data: @Sendable (_ from: UInt64) throws -> AsyncThrowingStream<[UInt8], any Error>
    ) async throws -> UInt64 {
        let stream = try await host.newStream(to: provider, protocols: [StorageMarketProtocol.dataPush])
        do {
            try await stream.writeCBOR(DealDataPushRequest(proposal: proposal))
            let start = try DealDataPushReply.decode(try await stream.readCBORItem(timeout: timeout))
            guard start.error.isEmpty else { throw StorageMarketNetworkError("the provider refused the data: \(start.error)") }
            for try await chunk in try data(start.offset) {
                var offset = 0
                while offset < chunk.count {
                    let end = min(offset + (256 << 10), chunk.count)
                    try await stream.write(ByteBuffer(bytes: chunk[offset..<end]))
                    offset = end
                }
            }
            try await stream.closeWrite()
            let end = try DealDataPushReply.decode(try await stream.readCBORItem(timeout: timeout))
            await stream.close()
            guard end.error.isEmpty else { throw StorageMarketNetworkError("the provider did not take the data: \(end.error)") }
            return end.offset
        } catch {
            stream.reset()
            throw error
        }
    }

    public func push(_ proposal: CID, to provider: PeerID, file path: String) async throws -> UInt64 {
        try await push(proposal, to: provider) { from in
            guard let handle = FileHandle(forReadingAtPath: path) else { throw StorageMarketNetworkError("cannot read \(path)") }
            try handle.seek(toOffset: from)
            return AsyncThrowingStream {
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { try? handle.close() }
                return chunk.isEmpty ? nil : [UInt8](chunk)
            }
        }
    }

    public func retrieve(_ payload: CID, from provider: PeerID, to path: String) async throws -> UInt64 {
        let stream = try await host.newStream(to: provider, protocols: [StorageMarketProtocol.retrieval])
        do {
            try await stream.writeCBOR(RetrievalRequest(payloadCID: payload))
            try await stream.closeWrite()
            let reply = try RetrievalReply.decode(try await stream.readCBORItem(timeout: timeout))
            guard reply.error.isEmpty else { throw StorageMarketNetworkError("the provider refused the retrieval: \(reply.error)") }
            guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else { throw StorageMarketNetworkError("cannot write \(path)") }
            defer { try? output.close() }
            var received: UInt64 = 0
            while let chunk = try await stream.readChunk(timeout: timeout) {
                received += UInt64(chunk.readableBytes)
                guard received <= reply.size else { throw StorageMarketNetworkError("the provider sent more than the \(reply.size) bytes it announced") }
                try output.write(contentsOf: Array(chunk.readableBytesView))
            }
            guard received == reply.size else {
                throw StorageMarketNetworkError("the provider sent \(received) of the \(reply.size) bytes it announced")
            }
            await stream.close()
            return received
        } catch {
            stream.reset()
            throw error
        }
    }

    private func exchange(_ request: some CBORMapEncoded, protocolID: String, with peer: PeerID) async throws -> [UInt8] {
        let stream = try await host.newStream(to: peer, protocols: [protocolID])
        do {
            try await stream.writeCBOR(request)
            try await stream.closeWrite()
            let answer = try await stream.readCBORItem(timeout: timeout)
            await stream.close()
            return answer
        } catch {
            stream.reset()
            throw error
        }
    }
}
