import APICore
import ChainTypes
import Multiformats

/// The full node API the devnet daemon serves (Lotus `api.FullNode`, permissions as `api_full.go` v1.17.2). State
/// methods take Lotus's trailing tipset key (`[]` or `null` for the head; see ``FullNodeActor``).
public struct FullNodeMethods: MethodSet {
    public typealias API = any FullNodeAPI
    public init() {}

    // MARK: Chain

    public let chainHead = RPCMethod<any FullNodeAPI, Args0, TipSet>("ChainHead", .read, .fullNode) { api, _ in
        await api.head()
    }
    public let chainNotify = RPCChannelMethod<any FullNodeAPI, Args0, [HeadChange]>("ChainNotify", .read, .fullNode) { api, _ in
        await api.chainNotify()
    }
    public let chainGetTipSetByHeight = RPCMethod<any FullNodeAPI, Args2<ChainEpoch, TipSetKey?>, TipSet>(
        "ChainGetTipSetByHeight", .read, .fullNode
    ) { api, args in try await api.tipSet(atHeight: args.a, args.b) }
    public let chainGetMessage = RPCMethod<any FullNodeAPI, Args1<CID>, Message>("ChainGetMessage", .read, .fullNode) {
        api, args in try await api.message(args.a)
    }
    public let syncSubmitBlock = RPCMethod<any FullNodeAPI, Args1<WinningSubmission>, Empty?>("SyncSubmitBlock", .write, .fullNode) {
        api, args in
        try await api.submit(args.a)
        return nil
    }
    public let minerGetBaseInfo = RPCMethod<any FullNodeAPI, Args3<Address, ChainEpoch, TipSetKey?>, MiningBaseInfo>(
        "MinerGetBaseInfo", .read, .fullNode
    ) { api, args in try await api.miningBaseInfo(args.a, epoch: args.b, args.c) }

    // MARK: State

    public let stateGetActor = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, ActorView>("StateGetActor", .read, .fullNode) {
        api, args in try await api.actor(args.a, args.b)
    }
    public let stateLookupID = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, Address>("StateLookupID", .read, .fullNode) {
        api, args in try await api.lookupID(args.a, args.b)
    }
    public let stateAccountKey = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, Address>("StateAccountKey", .read, .fullNode) {
        api, args in try await api.accountKey(args.a, args.b)
    }
    public let stateMinerInfo = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, MinerInfo>("StateMinerInfo", .read, .fullNode) {
        api, args in try await api.minerInfo(args.a, args.b)
    }
    public let stateMinerPower = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, MinerPower>("StateMinerPower", .read, .fullNode) {
        api, args in try await api.minerPower(args.a, args.b)
    }
    public let stateMinerDeadlines = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, [MinerDeadline]>(
        "StateMinerDeadlines", .read, .fullNode
    ) { api, args in try await api.minerDeadlines(args.a, args.b) }
    public let stateMinerPartitions = RPCMethod<any FullNodeAPI, Args3<Address, UInt64, TipSetKey?>, [MinerPartition]>(
        "StateMinerPartitions", .read, .fullNode
    ) { api, args in try await api.minerPartitions(args.a, deadline: args.b, args.c) }
    public let stateMinerProvingDeadline = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, DeadlineInfo>(
        "StateMinerProvingDeadline", .read, .fullNode
    ) { api, args in try await api.minerProvingDeadline(args.a, args.b) }
    public let stateSectorGetInfo = RPCMethod<any FullNodeAPI, Args3<Address, SectorNumber, TipSetKey?>, SectorOnChainInfo?>(
        "StateSectorGetInfo", .read, .fullNode
    ) { api, args in try await api.sectorInfo(args.a, sector: args.b, args.c) }
    public let stateSectorPreCommitInfo = RPCMethod<any FullNodeAPI, Args3<Address, SectorNumber, TipSetKey?>, SectorPreCommitOnChainInfo?>(
        "StateSectorPreCommitInfo", .read, .fullNode
    ) { api, args in try await api.preCommitInfo(args.a, sector: args.b, args.c) }
    public let stateMinerSectors = RPCMethod<any FullNodeAPI, Args3<Address, BitField?, TipSetKey?>, [SectorOnChainInfo]>(
        "StateMinerSectors", .read, .fullNode
    ) { api, args in try await api.minerSectors(args.a, filter: args.b, args.c) }
    public let stateMinerAvailableBalance = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, TokenAmount>(
        "StateMinerAvailableBalance", .read, .fullNode
    ) { api, args in try await api.minerAvailableBalance(args.a, args.b) }
    public let stateMarketDeals = RPCMethod<any FullNodeAPI, Args1<TipSetKey?>, [String: MarketDeal]>(
        "StateMarketDeals", .read, .fullNode
    ) { api, args in try await api.marketDeals(args.a) }
    public let stateMarketStorageDeal = RPCMethod<any FullNodeAPI, Args2<DealID, TipSetKey?>, MarketDeal>(
        "StateMarketStorageDeal", .read, .fullNode
    ) { api, args in try await api.marketStorageDeal(args.a, args.b) }
    public let stateMarketBalance = RPCMethod<any FullNodeAPI, Args2<Address, TipSetKey?>, MarketBalance>(
        "StateMarketBalance", .read, .fullNode
    ) { api, args in try await api.marketBalance(args.a, args.b) }
    public let stateWaitMsg = RPCMethod<any FullNodeAPI, Args4<CID, UInt64, ChainEpoch, Bool>, MsgLookup>("StateWaitMsg", .read, .fullNode, longRunning: true) {
        api, args in try await api.waitMessage(args.a, confidence: args.b, limit: args.c)
    }
    public let stateSearchMsg = RPCMethod<any FullNodeAPI, Args4<TipSetKey?, CID, ChainEpoch, Bool>, MsgLookup?>(
        "StateSearchMsg", .read, .fullNode
    ) { api, args in try await api.searchMessage(args.b, limit: args.c, args.a) }
    public let stateNetworkVersion = RPCMethod<any FullNodeAPI, Args1<TipSetKey?>, UInt64>("StateNetworkVersion", .read, .fullNode) {
        api, args in try await api.networkVersion(args.a)
    }
    public let stateGetRandomnessFromTickets = RPCMethod<any FullNodeAPI, Args4<Int64, ChainEpoch, Base64Bytes, TipSetKey?>, Base64Bytes>(
        "StateGetRandomnessFromTickets", .read, .fullNode
    ) { api, args in Base64Bytes(try await api.randomness(args.a, epoch: args.b, entropy: args.c.bytes, args.d)) }
    public let stateGetRandomnessFromBeacon = RPCMethod<any FullNodeAPI, Args4<Int64, ChainEpoch, Base64Bytes, TipSetKey?>, Base64Bytes>(
        "StateGetRandomnessFromBeacon", .read, .fullNode
    ) { api, args in Base64Bytes(try await api.randomness(args.a, epoch: args.b, entropy: args.c.bytes, args.d)) }
    public let stateGetNetworkParams = RPCMethod<any FullNodeAPI, Args0, NetworkParams>("StateGetNetworkParams", .read, .fullNode) {
        api, _ in api.network
    }

    // MARK: Mpool

    public let mpoolPush = RPCMethod<any FullNodeAPI, Args1<SignedMessage>, CID>("MpoolPush", .write, .fullNode) { api, args in
        try await api.push(args.a)
    }
    public let mpoolPushMessage = RPCMethod<any FullNodeAPI, Args2<Message, MessageSendSpec?>, SignedMessage>(
        "MpoolPushMessage", .sign, .fullNode
    ) { api, args in try await api.pushMessage(args.a, spec: args.b) }
    public let mpoolPending = RPCMethod<any FullNodeAPI, Args1<TipSetKey?>, [SignedMessage]>("MpoolPending", .read, .fullNode) {
        api, args in try await api.pending(args.a)
    }
    public let mpoolGetNonce = RPCMethod<any FullNodeAPI, Args1<Address>, UInt64>("MpoolGetNonce", .read, .fullNode) { api, args in
        try await api.nextNonce(args.a)
    }

    // MARK: Wallet and market

    public let walletNew = RPCMethod<any FullNodeAPI, Args1<String>, Address>("WalletNew", .write, .fullNode) { api, args in
        try await api.walletNew(args.a)
    }
    public let walletList = RPCMethod<any FullNodeAPI, Args0, [Address]>("WalletList", .write, .fullNode) { api, _ in
        try await api.walletList()
    }
    public let walletHas = RPCMethod<any FullNodeAPI, Args1<Address>, Bool>("WalletHas", .write, .fullNode) { api, args in
        try await api.walletHas(args.a)
    }
    public let walletBalance = RPCMethod<any FullNodeAPI, Args1<Address>, TokenAmount>("WalletBalance", .read, .fullNode) {
        api, args in await api.balance(args.a)
    }
    public let walletDefaultAddress = RPCMethod<any FullNodeAPI, Args0, Address>("WalletDefaultAddress", .write, .fullNode) {
        api, _ in try await api.walletDefault()
    }
    public let walletSetDefault = RPCMethod<any FullNodeAPI, Args1<Address>, Empty?>("WalletSetDefault", .write, .fullNode) {
        api, args in
        try await api.walletSetDefault(args.a)
        return nil
    }
    public let walletSign = RPCMethod<any FullNodeAPI, Args2<Address, Base64Bytes>, Signature>("WalletSign", .sign, .fullNode) {
        api, args in try await api.walletSign(args.a, args.b.bytes)
    }
    public let marketAddBalance = RPCMethod<any FullNodeAPI, Args3<Address, Address, TokenAmount>, CID>(
        "MarketAddBalance", .sign, .fullNode
    ) { api, args in try await api.marketAddBalance(wallet: args.a, address: args.b, amount: args.c) }
}
