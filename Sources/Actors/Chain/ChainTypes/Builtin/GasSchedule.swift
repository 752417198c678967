
/// The devnet's gas prices in gas units: deterministic, a function of the message's size, whether it moves
/// value or creates an actor, and a flat cost per method plus per sector it touches. The message constants are
/// Lotus's pricelist (`OnChainMessageComputeBase`, storage base and per-byte cost × `StorageGasMulti`); the
/// method costs are devnet round numbers of the same order as mainnet's.
public struct GasSchedule: Sendable, Codable, Equatable {
    /// Base cost of including any message.
    public var onChainMessageComputeBase: Int64 = 38_863
    /// Storage cost of a message, in bytes, before the per-byte multiplier.
    public var onChainMessageStorageBase: Int64 = 36
    /// Gas per byte of the signed message stored on chain.
    public var onChainMessageStoragePerByte: Int64 = 1_300
    /// Gas per byte of a method's return value.
    public var onChainReturnValuePerByte: Int64 = 1_300
    /// Cost of invoking the receiver.
    public var methodInvocation: Int64 = 75_000
    /// Extra cost when the message carries value.
    public var valueTransfer: Int64 = 27_500
    /// Cost of creating an actor (an account on first receipt of funds, or a miner).
    public var actorCreation: Int64 = 1_108_454
    /// Cost of running any actor method other than a plain send.
    public var methodCompute: Int64 = 2_000_000
    /// Cost per sector, deal or partition a method processes.
    public var perItemCompute: Int64 = 1_500_000

    /// The default schedule.
    public init() {}

    /// The gas a signed message of `size` bytes costs just to be on chain (Lotus `OnChainMessage`): the least
    /// `GasLimit` it may carry.
    public func onChainMessage(size: Int) -> Int64 {
        onChainMessageComputeBase + (onChainMessageStorageBase + Int64(size)) * onChainMessageStoragePerByte
    }

    enum CodingKeys: String, CodingKey {
        case onChainMessageComputeBase = "OnChainMessageComputeBase"
        case onChainMessageStorageBase = "OnChainMessageStorageBase"
        case onChainMessageStoragePerByte = "OnChainMessageStoragePerByte"
        case onChainReturnValuePerByte = "OnChainReturnValuePerByte"
        case methodInvocation = "MethodInvocation"
        case valueTransfer = "ValueTransfer"
        case actorCreation = "ActorCreation"
        case methodCompute = "MethodCompute"
        case perItemCompute = "PerItemCompute"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GasSchedule()
        onChainMessageComputeBase = try c.decodeIfPresent(Int64.self, forKey: .onChainMessageComputeBase) ?? d.onChainMessageComputeBase
        onChainMessageStorageBase = try c.decodeIfPresent(Int64.self, forKey: .onChainMessageStorageBase) ?? d.onChainMessageStorageBase
        onChainMessageStoragePerByte =
            try c.decodeIfPresent(Int64.self, forKey: .onChainMessageStoragePerByte) ?? d.onChainMessageStoragePerByte
        onChainReturnValuePerByte = try c.decodeIfPresent(Int64.self, forKey: .onChainReturnValuePerByte) ?? d.onChainReturnValuePerByte
        methodInvocation = try c.decodeIfPresent(Int64.self, forKey: .methodInvocation) ?? d.methodInvocation
        valueTransfer = try c.decodeIfPresent(Int64.self, forKey: .valueTransfer) ?? d.valueTransfer
        actorCreation = try c.decodeIfPresent(Int64.self, forKey: .actorCreation) ?? d.actorCreation
        methodCompute = try c.decodeIfPresent(Int64.self, forKey: .methodCompute) ?? d.methodCompute
        perItemCompute = try c.decodeIfPresent(Int64.self, forKey: .perItemCompute) ?? d.perItemCompute
    }
}
