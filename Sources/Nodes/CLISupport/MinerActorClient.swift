import APICore
import ChainTypes
import FullNodeAPI
import Multiformats

/// What `lotus-miner` does to the miner actor on chain, over any `SubsystemRef<FullNodeMethods>` — the daemon the CLI
/// finds, or a local chain in a test: create a miner (`init --owner`), change its peer ID and addresses (`actor
/// set-peer-id`, `actor set-addrs`). Messages are signed by the daemon's wallet (`MpoolPushMessage`) and waited for
/// with `StateWaitMsg`; progress lines go to `progress`, as the CLI prints them.
public struct MinerActorClient: Sendable {
    /// The chain daemon's API.
    public let chain: SubsystemRef<FullNodeMethods>
    /// Where progress lines go (`print` in the CLI).
    public let progress: @Sendable (String) -> Void

    public init(chain: SubsystemRef<FullNodeMethods>, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.chain = chain
        self.progress = progress
    }

    /// The daemon `resolver` finds (`FULLNODE_API_INFO`, else `LOTUS_PATH`'s `api` and `token`), printing progress.
    /// - Throws: ``CLIError`` naming what was tried when no daemon endpoint is configured.
    public init(resolver: EndpointResolver) throws {
        self.init(chain: .remote(try NodeConnection(.fullNode, resolver: resolver).client), progress: { print($0) })
    }

    /// Pushes `message` (nonce, gas and signature filled in by the daemon), reports its CID, waits for its receipt
    /// and returns the lookup.
    /// - Throws: ``CLIError`` when the daemon refuses the message, cannot be reached, or the message fails on chain
    ///   (with its exit code and reason).
    public func pushAndWait(_ message: Message, what: String) async throws -> MsgLookup {
        let signed: SignedMessage
        do {
            signed = try await chain.call(\.mpoolPushMessage, message, nil)
        } catch {
            throw CLIError("pushing \(what) message from \(message.from) failed: \(error)")
        }
        progress("Pushed \(what) message: \(signed.cid)")
        progress("Waiting for confirmation")
        let lookup: MsgLookup
        do {
            lookup = try await chain.call(\.stateWaitMsg, signed.cid, UInt64(0), ChainEpoch(-1), true)
        } catch {
            throw CLIError("waiting for \(what) message \(signed.cid) failed: \(error)")
        }
        guard lookup.receipt.exitCode.isSuccess else {
            let reason = lookup.receipt.error.map { ": \($0)" } ?? ""
            throw CLIError(
                "\(what) message \(signed.cid) failed at epoch \(lookup.height) with exit code \(lookup.receipt.exitCode)\(reason)")
        }
        return lookup
    }

    /// The miner's on-chain info at the head.
    public func minerInfo(_ miner: Address) async throws -> MinerInfo {
        do {
            return try await chain.call(\.stateMinerInfo, miner, nil)
        } catch {
            throw CLIError("getting miner info for \(miner) failed: \(error)")
        }
    }

    /// Sends CreateMiner from `owner` (power actor method 2) with `peer` as the new miner's peer ID, waits for it, and
    /// returns the new miner's ID address.
    /// - Throws: ``CLIError`` when the daemon is down, the sector size is not allowed on its network, or the message
    ///   fails.
    public func createMiner(owner: Address, worker: Address?, size: SectorSize, peer: PeerID) async throws -> Address {
        progress("Trying to connect to full node RPC")
        let network: NetworkParams
        do {
            network = try await chain.call(\.stateGetNetworkParams)
        } catch {
            throw CLIError("the chain daemon is not reachable: \(error); start it with `lotus daemon --devnet`")
        }
        guard network.sectorSizes.contains(size) else {
            throw CLIError(
                "sector size \(size) is not allowed on network \(network.networkName) (allowed: "
                    + network.sectorSizes.map(\.description).joined(separator: ", ") + ")")
        }
        progress("Creating StorageMarket.CreateStorageMiner message")
        progress("Miner peer ID: \(peer)")
        let params = CreateMinerParams(owner: owner, worker: worker ?? owner, windowPoStProofType: size.windowPoStProof, peer: peer.bytes)
        let message = Message(
            to: Address(id: BuiltinActor.power), from: owner, method: PowerMethod.createMiner.rawValue, params: params.encoded)
        let lookup = try await pushAndWait(message, what: "CreateMiner")
        let created: CreateMinerReturn
        do {
            created = try CreateMinerReturn.decode(lookup.receipt.returnValue, method: PowerMethod.createMiner.name)
        } catch {
            throw CLIError("CreateMiner message \(lookup.message) succeeded but its return value is unreadable: \(error)")
        }
        progress("New miners address is: \(created.idAddress) (\(created.robustAddress))")
        return created.idAddress
    }

    /// Sends ChangePeerID to `miner` from `sender` (default: its worker) and waits for it.
    /// - Throws: ``CLIError`` when the message fails (e.g. the sender is not the owner, worker or a control address).
    @discardableResult
    public func setPeerID(_ peer: PeerID, miner: Address, from sender: Address? = nil, gasLimit: Int64 = 0) async throws -> MsgLookup {
        let from: Address
        if let sender {
            from = sender
        } else {
            from = try await minerInfo(miner).worker
        }
        let message = Message(
            to: miner, from: from, gasLimit: gasLimit, method: MinerMethod.changePeerID.rawValue,
            params: ChangePeerIDParams(newID: peer.bytes).encoded)
        return try await pushAndWait(message, what: "ChangePeerID")
    }

    /// Sends ChangeMultiaddrs to `miner` from its worker and waits for it (an empty list unsets them).
    /// - Throws: ``CLIError`` when the message fails.
    @discardableResult
    public func setAddrs(_ addresses: [Multiaddr], miner: Address, gasLimit: Int64 = 0) async throws -> MsgLookup {
        let info = try await minerInfo(miner)
        let message = Message(
            to: miner, from: info.worker, gasLimit: gasLimit, method: MinerMethod.changeMultiaddrs.rawValue,
            params: ChangeMultiaddrsParams(newMultiaddrs: addresses.map(\.bytes)).encoded)
        return try await pushAndWait(message, what: "ChangeMultiaddrs")
    }
}

/// Parses a Filecoin address argument, with the reason when it is invalid.
/// - Throws: ``CLIError`` naming `what`.
public func parseAddress(_ text: String, what: String = "address") throws -> Address {
    do {
        return try Address(parsing: text)
    } catch {
        throw CLIError("invalid \(what) '\(text)': \(error)")
    }
}
