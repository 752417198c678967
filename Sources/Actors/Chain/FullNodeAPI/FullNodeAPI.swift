import APICore
import ChainTypes
import Multiformats

/// The chain daemon's API (Lotus `api.FullNode` without `Common`): chain, state, mpool, wallet and market.
/// Implemented by `FullNodeActor` (target `FullNode`); the miner's subsystems reach it through a
/// `SubsystemRef<FullNodeMethods>` (remote from `FULLNODE_API_INFO`, local in tests).
///
/// State methods take Lotus's trailing tipset key (`nil` for the head).
public protocol FullNodeAPI: SubsystemAPI where Methods == FullNodeMethods {
    /// The chain's parameters (`StateGetNetworkParams`).
    var network: NetworkParams { get }

    // MARK: Chain

    /// `ChainHead`.
    func head() async -> TipSet
    /// `ChainNotify`: `[current]`, then one `[apply]` per epoch.
    func chainNotify() async -> AsyncThrowingStream<[HeadChange], any Error>
    /// `ChainGetTipSetByHeight`.
    func tipSet(atHeight height: ChainEpoch, _ key: TipSetKey?) async throws -> TipSet
    /// `ChainGetMessage`.
    func message(_ cid: CID) async throws -> Message
    /// `SyncSubmitBlock`: a winning miner's block for the next epoch.
    func submit(_ winning: WinningSubmission) async throws
    /// `MinerGetBaseInfo`.
    func miningBaseInfo(_ miner: Address, epoch: ChainEpoch, _ key: TipSetKey?) async throws -> MiningBaseInfo

    // MARK: State

    /// `StateGetActor`.
    func actor(_ address: Address, _ key: TipSetKey?) async throws -> ActorView
    /// `StateLookupID`.
    func lookupID(_ address: Address, _ key: TipSetKey?) async throws -> Address
    /// `StateAccountKey`.
    func accountKey(_ address: Address, _ key: TipSetKey?) async throws -> Address
    /// `StateMinerInfo`.
    func minerInfo(_ miner: Address, _ key: TipSetKey?) async throws -> MinerInfo
    /// `StateMinerPower`.
    func minerPower(_ miner: Address, _ key: TipSetKey?) async throws -> MinerPower
    /// `StateMinerDeadlines`.
    func minerDeadlines(_ miner: Address, _ key: TipSetKey?) async throws -> [MinerDeadline]
    /// `StateMinerPartitions`.
    func minerPartitions(_ miner: Address, deadline: UInt64, _ key: TipSetKey?) async throws -> [MinerPartition]
    /// `StateMinerProvingDeadline`.
    func minerProvingDeadline(_ miner: Address, _ key: TipSetKey?) async throws -> DeadlineInfo
    /// `StateSectorGetInfo`.
    func sectorInfo(_ miner: Address, sector: SectorNumber, _ key: TipSetKey?) async throws -> SectorOnChainInfo?
    /// `StateSectorPreCommitInfo`.
    func preCommitInfo(_ miner: Address, sector: SectorNumber, _ key: TipSetKey?) async throws -> SectorPreCommitOnChainInfo?
    /// `StateMinerSectors`.
    func minerSectors(_ miner: Address, filter: BitField?, _ key: TipSetKey?) async throws -> [SectorOnChainInfo]
    /// `StateMinerAvailableBalance`.
    func minerAvailableBalance(_ miner: Address, _ key: TipSetKey?) async throws -> TokenAmount
    /// `StateMarketDeals`.
    func marketDeals(_ key: TipSetKey?) async throws -> [String: MarketDeal]
    /// `StateMarketStorageDeal`.
    func marketStorageDeal(_ id: DealID, _ key: TipSetKey?) async throws -> MarketDeal
    /// `StateMarketBalance`.
    func marketBalance(_ address: Address, _ key: TipSetKey?) async throws -> MarketBalance
    /// `StateWaitMsg`.
    func waitMessage(_ cid: CID, confidence: UInt64, limit: ChainEpoch) async throws -> MsgLookup
    /// `StateSearchMsg`.
    func searchMessage(_ cid: CID, limit: ChainEpoch, _ key: TipSetKey?) async throws -> MsgLookup?
    /// `StateNetworkVersion`.
    func networkVersion(_ key: TipSetKey?) async throws -> UInt64
    /// `StateGetRandomnessFromTickets` / `StateGetRandomnessFromBeacon`: chain randomness for a domain tag.
    func randomness(_ personalization: Int64, epoch: ChainEpoch, entropy: [UInt8], _ key: TipSetKey?) async throws -> [UInt8]

    // MARK: Mpool

    /// `MpoolPush`.
    func push(_ signed: SignedMessage) async throws -> CID
    /// `MpoolPushMessage`: nonce, gas and signature from this node.
    func pushMessage(_ message: Message, spec: MessageSendSpec?) async throws -> SignedMessage
    /// `MpoolPending`.
    func pending(_ key: TipSetKey?) async throws -> [SignedMessage]
    /// `MpoolGetNonce`.
    func nextNonce(_ address: Address) async throws -> UInt64

    // MARK: Wallet and market

    /// `WalletNew`.
    func walletNew(_ type: String) async throws -> Address
    /// `WalletList`.
    func walletList() async throws -> [Address]
    /// `WalletHas`.
    func walletHas(_ address: Address) async throws -> Bool
    /// `WalletBalance`.
    func balance(_ address: Address) async -> TokenAmount
    /// `WalletDefaultAddress`.
    func walletDefault() async throws -> Address
    /// `WalletSetDefault`.
    func walletSetDefault(_ address: Address) async throws
    /// `WalletSign`.
    func walletSign(_ address: Address, _ data: [UInt8]) async throws -> Signature
    /// `MarketAddBalance`.
    func marketAddBalance(wallet: Address, address: Address, amount: TokenAmount) async throws -> CID
}
