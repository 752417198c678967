import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import ClientAPI
import FullNodeAPI
import Multiformats
import StorageMarket

extension Client {
    /// `lotus client query-ask [--peerid ID] [--size N] [--duration N] MINER`: `ClientQueryAsk`, printed as Lotus v1.17
    /// prints it.
    struct QueryAsk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "query-ask", abstract: "Find a miners ask")
        @ParentCommand var root: Lotus
        @Option(help: "specify peer ID of node to make query against") var peerid: String?
        @Option(help: "data size in bytes") var size: Int64 = 0
        @Option(help: "deal duration") var duration: Int64 = 0
        @Argument(help: "the miner address") var minerAddress: String

        func run() async throws {
            let miner = try parseAddress(minerAddress)
            let node = try root.fullNode()
            let peer: PeerID
            if let peerid {
                do {
                    peer = try PeerID(peerid)
                } catch {
                    throw CLIError("invalid --peerid '\(peerid)': \(error)")
                }
            } else {
                let info: MinerInfo
                do {
                    info = try await node.call(\.stateMinerInfo, miner, nil)
                } catch {
                    throw CLIError("failed to get peerID for miner: \(error)")
                }
                guard !info.peerID.isEmpty, let onChain = try? PeerID(bytes: info.peerID) else {
                    throw CLIError("the miner hasn't initialized yet")
                }
                peer = onChain
            }
            let ask = try await root.storageClient().call(\.clientQueryAsk, peer, miner)
            print("Ask: \(miner)")
            print("Price per GiB: \(ask.price.fil)")
            print("Verified Price per GiB: \(ask.verifiedPrice.fil)")
            print("Max Piece size: \(LotusFormat.size(ask.maxPieceSize))")
            print("Min Piece size: \(LotusFormat.size(ask.minPieceSize))")
            guard size != 0 else { return }
            let perEpoch = try Self.product(ask.price, size, "price × size") / (1 << 30)
            print("Price per Block: \(perEpoch.fil)")
            guard duration != 0 else { return }
            print("Total Price: \(try Self.product(perEpoch, duration, "price × duration").fil)")
        }

        static func product(_ amount: TokenAmount, _ factor: Int64, _ what: String) throws -> TokenAmount {
            guard let product = amount.multipliedReportingOverflow(by: factor) else { throw CLIError("\(what) is out of range") }
            return product
        }
    }
}
