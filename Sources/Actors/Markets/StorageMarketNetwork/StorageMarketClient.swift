import Libp2p
import Multiformats
import StorageMarket

/// The client's side of the storage-market protocols: one request and its response on a fresh stream to the provider.
public struct StorageMarketClient: Sendable {
    public let host: Libp2pHost
    /// How long the provider has to answer (a proposal waits for its checks and filter).
    public var timeout: Duration

    public init(host: Libp2pHost, timeout: Duration = .seconds(120)) {
        self.host = host
        self.timeout = timeout
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
