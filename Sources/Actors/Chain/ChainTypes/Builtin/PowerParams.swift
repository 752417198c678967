
/// `CreateMiner` parameters (builtin-actors `power::CreateMinerParams`).
public struct CreateMinerParams: MethodParams, Equatable {
    /// The owner (any address of an account).
    public var owner: Address
    /// The worker (any address of an account).
    public var worker: Address
    /// The Window PoSt proof type, which fixes the sector size (V1_1: 10 for 2KiB, 11 for 8MiB).
    public var windowPoStProofType: Int64
    /// The libp2p peer ID bytes.
    @Base64Encoded public var peer: [UInt8]
    /// Binary multiaddrs.
    @Base64EncodedList public var multiaddrs: [[UInt8]]

    /// Creates parameters.
    public init(owner: Address, worker: Address, windowPoStProofType: Int64, peer: [UInt8] = [], multiaddrs: [[UInt8]] = []) {
        self.owner = owner
        self.worker = worker
        self.windowPoStProofType = windowPoStProofType
        self.peer = peer
        self.multiaddrs = multiaddrs
    }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner", worker = "Worker", windowPoStProofType = "WindowPoStProofType", peer = "Peer"
        case multiaddrs = "Multiaddrs"
    }
}

/// `CreateMiner` return value: the new miner's ID address and its robust actor address.
public struct CreateMinerReturn: MethodParams, Equatable {
    /// `t0…`.
    public var idAddress: Address
    /// `t2…`.
    public var robustAddress: Address

    /// Creates a return value.
    public init(idAddress: Address, robustAddress: Address) {
        self.idAddress = idAddress
        self.robustAddress = robustAddress
    }

    enum CodingKeys: String, CodingKey { case idAddress = "IDAddress", robustAddress = "RobustAddress" }
}

extension Address: MethodParams {}
extension TokenAmount: MethodParams {}
