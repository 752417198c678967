import APICore
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import Logging
import Multiformats
import ServiceLifecycle
import StorageMarket
import SubsystemSupport

/// The storage client of the chain daemon (Lotus's `Client*` storage-deal API over go-fil-markets' client): makes
/// offline deals with providers over the daemon's libp2p host, keeps them under `/deals/client/<ProposalCid>`, and
/// follows each on its provider's `/fil/storage/status/1.1.0` when asked and every `pollInterval`.
public actor ClientActor: ClientAPI, Service {
    /// The chain: miner info, wallet signatures, market balances and messages.
    let chain: SubsystemRef<FullNodeMethods>
    /// The storage-market protocols on the daemon's libp2p host.
    let network: any StorageClientNetwork
    let deals: ClientDealStore
    let logger: Logger
    let pollInterval: Duration
    /// `<LOTUS_PATH>/imports`: the CARs `lotus client import` kept, which online deals send.
    let importsPath: String?
    /// The online deals whose data is being pushed now, by proposal CID.
    var pushing: Set<String> = []
    /// Deals whose status request is in flight, so two refreshes never race to store older news over newer.
    var refreshing: Set<String> = []

    /// - Parameters:
    ///   - chain: the daemon's full node API (local in the daemon).
    ///   - network: the storage-market protocols on the daemon's libp2p host.
    ///   - metadata: the daemon repo's metadata datastore.
    ///   - pollInterval: how often open deals are refreshed from their providers in the background.
    public init(
        chain: SubsystemRef<FullNodeMethods>, network: any StorageClientNetwork, metadata: any MetadataStore,
        logger: Logger = Logger(label: "storageclient"), pollInterval: Duration = .seconds(30), importsPath: String? = nil
    ) {
        self.chain = chain
        self.network = network
        self.deals = ClientDealStore(metadata: metadata)
        self.logger = logger
        self.pollInterval = pollInterval
        self.importsPath = importsPath
    }

    public func listDeals() async throws -> [DealInfo] {
        await refreshOpenDeals()
        return try deals.all().map(\.info)
    }

    public func dealInfo(_ proposal: CID) async throws -> DealInfo {
        guard let deal = try deals.deal(proposal) else {
            throw RPCError(.methodError, "no client deal with proposal CID \(proposal) (lotus client list-deals shows them all)")
        }
        return await refresh(deal).info
    }

    public func queryAsk(_ peer: PeerID, miner: Address) async throws -> StorageAsk {
        let info: MinerInfo
        do {
            info = try await chain.call(\.stateMinerInfo, miner, nil)
        } catch {
            throw RPCError(.methodError, "failed getting miner info: \(Self.reason(error))")
        }
        let response: AskResponse
        do {
            try await connect(peer) { try Self.addresses(of: info, miner: miner) }
            response = try await network.queryAsk(AskRequest(miner: miner), of: peer)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.methodError, "asking \(miner) (\(peer)) for its ask failed: \(error)")
        }
        guard let signed = response.ask, let ask = signed.ask, let signature = signed.signature else {
            throw RPCError(.methodError, "provider \(peer) has no signed ask for miner \(miner)")
        }
        // A provider on go-fil-markets v1.28 signs the canonical key order, an older one the Go field order.
        try await verifyWorkerSignature(
            signature, over: [ask.signingBytes, ask.encoded(keyOrder: .goFieldOrder)], worker: info.worker, what: "the ask of \(miner)")
        return ask
    }

    /// Refreshes open deals every `pollInterval` until graceful shutdown.
    public func run() async throws {
        resumePushes()
        let interval = pollInterval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await self.refreshOpenDeals()
            }
        }
    }

    // MARK: Shared steps

    /// The provider's libp2p peer ID from its miner info.
    static func peer(of info: MinerInfo, miner: Address) throws -> PeerID {
        guard !info.peerID.isEmpty else {
            throw RPCError(.methodError, "miner \(miner) has no peer ID on chain: the miner hasn't initialized yet (lotus-miner actor set-peer-id)")
        }
        do {
            return try PeerID(bytes: info.peerID)
        } catch {
            throw RPCError(.methodError, "miner \(miner)'s peer ID on chain is malformed: \(error)")
        }
    }

    /// The provider's multiaddrs from its miner info.
    static func addresses(of info: MinerInfo, miner: Address) throws -> [Multiaddr] {
        try info.multiaddrs.map { bytes in
            do {
                return try Multiaddr(bytes: bytes)
            } catch {
                throw RPCError(.methodError, "miner \(miner) has a malformed multiaddr on chain: \(error)")
            }
        }
    }

    /// Connects to `peer` unless connected, dialling `addresses`.
    func connect(_ peer: PeerID, addresses: () async throws -> [Multiaddr]) async throws {
        if network.isConnected(peer) { return }
        try await network.connect(peer, addresses: try await addresses())
    }

    /// Checks that `signature` is the miner worker's over one of `candidates` (the encodings a provider may have signed).
    func verifyWorkerSignature(_ signature: Signature, over candidates: [[UInt8]], worker: Address, what: String) async throws {
        let key = try await chain.call(\.stateAccountKey, worker, nil)
        var failure: (any Error)?
        for bytes in candidates {
            do {
                try WalletKey.verify(signature, data: bytes, signer: key)
                return
            } catch {
                failure = error
            }
        }
        throw RPCError(.methodError, "\(what) is not signed by the miner's worker \(worker): \(failure.map { "\($0)" } ?? "no data")")
    }

    /// An error's message without the RPC wrapping.
    static func reason(_ error: any Error) -> String {
        (error as? RPCError)?.message ?? "\(error)"
    }
}
