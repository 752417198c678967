import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI
import Multiformats

/// `lotus state miner-info ADDRESS`: the miner's addresses, peer, sector size, power and proving period, as
/// Lotus v1.17 prints them.
struct State: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Interact with and query filecoin chain state", subcommands: [MinerInfoCommand.self])

    struct MinerInfoCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "miner-info", abstract: "Retrieve miner information")
        @ParentCommand var root: Lotus
        @Argument(help: "miner address") var miner: String?

        func run() async throws {
            guard let miner else { throw CLIError("must specify miner to get information for") }
            let address = try parseAddress(miner)
            let node = try root.fullNode()
            let head = try await node.call(\.chainHead)
            let info = try await node.call(\.stateMinerInfo, address, head.key)
            let available = try await node.call(\.stateMinerAvailableBalance, address, head.key)
            print("Available Balance: \(available.fil)")
            print("Owner:\t\(info.owner)")
            print("Worker:\t\(info.worker)")
            for (index, control) in info.controlAddresses.enumerated() {
                print("Control \(index): \t\(control)")
            }
            print("Beneficiary:\t\(info.owner)")
            print("PeerID:\t\(info.peerIDText ?? "<nil>")")
            var addresses = ""
            for bytes in info.multiaddrs {
                do {
                    addresses += "\(try Multiaddr(bytes: bytes)) "
                } catch {
                    throw CLIError("undecodable listen address: \(error)")
                }
            }
            print("Multiaddrs:\t\(addresses)")
            print("Consensus Fault End:\t-1")
            print("SectorSize:\t\(LotusFormat.size(info.sectorSize.bytes)) (\(info.sectorSize.bytes))")
            let power = try await node.call(\.stateMinerPower, address, head.key)
            print(
                "Byte Power:   \(LotusFormat.size(power.minerPower.rawBytePower)) / \(LotusFormat.size(power.totalPower.rawBytePower)) "
                    + "(\(LotusFormat.percent(power.minerPower.rawBytePower, of: power.totalPower.rawBytePower))%)")
            print(
                "Actual Power: \(LotusFormat.deci(power.minerPower.qualityAdjPower)) / \(LotusFormat.deci(power.totalPower.qualityAdjPower)) "
                    + "(\(LotusFormat.percent(power.minerPower.qualityAdjPower, of: power.totalPower.qualityAdjPower))%)")
            print()
            let deadline = try await node.call(\.stateMinerProvingDeadline, address, head.key)
            let network = try await node.call(\.stateGetNetworkParams)
            print(
                "Proving Period Start:\t"
                    + LotusFormat.epochTime(current: deadline.currentEpoch, epoch: deadline.periodStart, blockDelayMillis: network.blockDelayMillis))
        }
    }
}
