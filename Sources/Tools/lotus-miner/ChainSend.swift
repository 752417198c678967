import APICore
import CLISupport
import ChainTypes
import FullNodeAPI
import Multiformats

/// How `lotus-miner` reaches the chain daemon and sends messages to it: the daemon is found as Lotus finds it
/// (`FULLNODE_API_INFO`, else the `api` and `token` files of `LOTUS_PATH`, default `~/.lotus`); messages are signed
/// by the daemon's wallet (`MpoolPushMessage`) and waited for with `StateWaitMsg`.
struct ChainSend: Sendable {
    /// The daemon's full node API.
    let node: SubsystemRef<FullNodeMethods>

    /// Connects (lazily) to the daemon `resolver` finds.
    /// - Throws: ``CLIError`` naming what was tried when no daemon endpoint is configured.
    init(resolver: EndpointResolver) throws {
        node = .remote(try NodeConnection(.fullNode, resolver: resolver).client)
    }

    /// Pushes `message` (nonce, gas and signature filled in by the daemon), prints its CID, waits for its receipt
    /// and returns the lookup.
    /// - Throws: ``CLIError`` when the daemon refuses the message, cannot be reached, or the message fails on chain
    ///   (with its exit code and reason).
    func pushAndWait(_ message: Message, what: String) async throws -> MsgLookup {
        let signed: SignedMessage
        do {
            signed = try await node.call(\.mpoolPushMessage, message, nil)
        } catch {
            throw CLIError("pushing \(what) message from \(message.from) failed: \(error)")
        }
        print("Pushed \(what) message: \(signed.cid)")
        print("Waiting for confirmation")
        let lookup: MsgLookup
        do {
            lookup = try await node.call(\.stateWaitMsg, signed.cid, UInt64(0), ChainEpoch(-1), true)
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
    func minerInfo(_ miner: Address) async throws -> MinerInfo {
        do {
            return try await node.call(\.stateMinerInfo, miner, nil)
        } catch {
            throw CLIError("getting miner info for \(miner) failed: \(error)")
        }
    }
}

/// Parses a Filecoin address argument, with the reason when it is invalid.
func parseAddress(_ text: String, what: String = "address") throws -> Address {
    do {
        return try Address(parsing: text)
    } catch {
        throw CLIError("invalid \(what) '\(text)': \(error)")
    }
}
