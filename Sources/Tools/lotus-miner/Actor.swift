import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI
import MiningAPI
import Multiformats
import Repo
import SubsystemSupport

/// `lotus-miner actor`: messages to the miner actor on chain — listen addresses, peer ID, control addresses — sent
/// from the worker (or the owner, for control addresses) through the daemon's wallet, as Lotus sends them, and
/// waited for.
struct ActorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor", abstract: "manipulate the miner actor",
        subcommands: [SetAddrs.self, SetPeerID.self, Control.self])

    /// `--actor`, shared by the subcommands.
    struct Target: ParsableArguments {
        @Option(name: [.customShort("a"), .customLong("actor")], help: "specify the address of the miner actor")
        var actor: String?
    }

    /// The miner actor: `--actor`, else the running miner's `ActorAddress`, else the repo's `/miner-address`.
    static func minerAddress(_ target: Target, _ root: LotusMiner) async throws -> Address {
        if let actor = target.actor { return try parseAddress(actor, what: "--actor") }
        let text: String
        if let connection = try? NodeConnection(.miner, resolver: root.resolver) {
            text = try await connection.mining.call(\.actorAddress)
        } else {
            let repo = Repo(path: RepoPath(root.resolver.minerRepoPath.path))
            guard repo.exists else {
                throw CLIError("no miner actor: pass --actor, run the miner, or create a repo with `lotus-miner init --owner ADDR`")
            }
            let datastore = try repo.openDatastore()
            defer { try? datastore.close() }
            guard let bytes = try datastore.get(MetadataKey.minerAddress), !bytes.isEmpty else {
                throw CLIError("repo \(repo.path) has no miner actor address (\(MetadataKey.minerAddress)); pass --actor")
            }
            text = String(decoding: bytes, as: UTF8.self)
        }
        return try parseAddress(text, what: "miner actor address")
    }

    struct SetAddrs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-addrs", abstract: "set addresses that your miner can be publicly dialed on")
        @ParentCommand var root: LotusMiner
        @OptionGroup var target: Target
        @Flag(help: "unset address") var unset = false
        @Option(name: .customLong("gas-limit"), help: "set gas limit (0: estimate)") var gasLimit: Int64 = 0
        @Argument(help: "multiaddrs, e.g. /ip4/1.2.3.4/tcp/24001") var addresses: [String] = []

        func run() async throws {
            if unset, !addresses.isEmpty { throw CLIError("unset can only be used with no arguments") }
            var encoded: [Multiaddr] = []
            for text in addresses {
                do {
                    encoded.append(try Multiaddr(text))
                } catch {
                    throw CLIError("invalid multiaddr '\(text)': \(error)")
                }
            }
            let miner = try await ActorCommand.minerAddress(target, root)
            let lookup = try await MinerActorClient(resolver: root.resolver).setAddrs(encoded, miner: miner, gasLimit: gasLimit)
            print("Requested multiaddrs change in message \(lookup.message): executed at epoch \(lookup.height) (exit \(lookup.receipt.exitCode))")
        }
    }

    struct SetPeerID: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-peer-id", abstract: "set the peer id of your miner")
        @ParentCommand var root: LotusMiner
        @OptionGroup var target: Target
        @Option(help: "send from this address instead of the worker (devnet extension, to exercise authorisation)")
        var from: String?
        @Option(name: .customLong("gas-limit"), help: "set gas limit (0: estimate)") var gasLimit: Int64 = 0
        @Argument(help: "peer ID, e.g. 12D3KooW…") var peerID: String

        func run() async throws {
            let peer: PeerID
            do {
                peer = try PeerID(peerID)
            } catch {
                throw CLIError("failed to parse input as a peerId: \(error)")
            }
            let miner = try await ActorCommand.minerAddress(target, root)
            let sender = try from.map { try parseAddress($0, what: "--from") }
            let lookup = try await MinerActorClient(resolver: root.resolver).setPeerID(peer, miner: miner, from: sender, gasLimit: gasLimit)
            print("Requested peerid change in message \(lookup.message): executed at epoch \(lookup.height) (exit \(lookup.receipt.exitCode))")
        }
    }

    struct Control: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Manage control addresses", subcommands: [List.self, Set.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Get currently set control addresses")
            @ParentCommand var root: LotusMiner
            @OptionGroup var target: Target

            func run() async throws {
                let miner = try await ActorCommand.minerAddress(target, root)
                let chain = try MinerActorClient(resolver: root.resolver)
                let info = try await chain.minerInfo(miner)
                var table = TableWriter(["name", "ID", "key", "use", "balance"])
                func row(_ name: String, _ address: Address, _ use: String) async throws {
                    let id = try await chain.chain.call(\.stateLookupID, address, nil)
                    let key = try await chain.chain.call(\.stateAccountKey, address, nil)
                    let balance = try await chain.chain.call(\.walletBalance, key)
                    table.write(["name": name, "ID": id.description, "key": key.description, "use": use, "balance": balance.fil])
                }
                try await row("owner", info.owner, "")
                try await row("worker", info.worker, "other")
                for (index, control) in info.controlAddresses.enumerated() {
                    try await row("control-\(index)", control, "post")
                }
                print(table.render(), terminator: "")
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Set control address(-es)")
            @ParentCommand var root: LotusMiner
            @OptionGroup var target: Target
            @Flag(name: .customLong("really-do-it"), help: "Actually send transaction performing the action") var reallyDoIt = false
            @Argument(help: "control addresses (none clears them)") var addresses: [String] = []

            func run() async throws {
                let controls = try addresses.map { try parseAddress($0, what: "control address") }
                let miner = try await ActorCommand.minerAddress(target, root)
                let chain = try MinerActorClient(resolver: root.resolver)
                let info = try await chain.minerInfo(miner)
                var ids: [Address] = []
                for control in controls {
                    ids.append(try await chain.chain.call(\.stateLookupID, control, nil))
                }
                let current = Swift.Set(info.controlAddresses)
                for id in ids where !current.contains(id) { print("Add \(id)") }
                for id in info.controlAddresses where !ids.contains(id) { print("Remove \(id)") }
                guard reallyDoIt else {
                    print("Pass --really-do-it to actually execute this action")
                    return
                }
                let message = Message(
                    to: miner, from: info.owner, method: MinerMethod.changeWorkerAddress.rawValue,
                    params: ChangeWorkerAddressParams(newWorker: info.worker, newControlAddrs: controls).encoded)
                let lookup = try await chain.pushAndWait(message, what: "ChangeWorkerAddress")
                print("Message CID: \(lookup.message): executed at epoch \(lookup.height) (exit \(lookup.receipt.exitCode))")
            }
        }
    }
}
