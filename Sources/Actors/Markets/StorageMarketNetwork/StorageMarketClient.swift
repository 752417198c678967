import Libp2p
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
