import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import CommonAPI
import FullNodeAPI
import MarketsAPI
import MinerConfig
import MiningAPI
import StorageMarket

/// `storage-deals get-ask` / `set-ask`: the provider's storage ask on the markets node.
extension StorageDeals {
    struct SetAsk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-ask", abstract: "Configure the miner's ask")
        @ParentCommand var root: LotusMiner
        @Option(help: "Set the price of the ask for unverified deals (specified as FIL / GiB / Epoch) to `PRICE`.") var price: String
        @Option(name: .customLong("verified-price"), help: "Set the price of the ask for verified deals (specified as FIL / GiB / Epoch) to `PRICE`")
        var verifiedPrice: String
        @Option(name: .customLong("min-piece-size"), help: "Set minimum piece size (w/bit-padding, in bytes) in ask to `SIZE`")
        var minPieceSize = "256B"
        @Option(name: .customLong("max-piece-size"), help: "Set maximum piece size (w/bit-padding, in bytes) in ask to `SIZE` (default: miner sector size)")
        var maxPieceSize: String?
        @Option(help: "Set duration of ask (a time as '720h0m0s') to `DURATION`") var duration = "720h0m0s"

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let price = try Self.fil(self.price, "--price"), verified = try Self.fil(verifiedPrice, "--verified-price")
            let length: GoDuration
            do {
                length = try GoDuration.parse(duration)
            } catch {
                throw CLIError("invalid --duration '\(duration)': \(error)")
            }
            let blockDelay = try await node.common.call(\.version).blockDelay
            let epochs = length.nanoseconds / 1_000_000_000 / Int64(max(blockDelay, 1))
            let minimum = try ByteSizeArgument.parse(minPieceSize)
            var maximum = try maxPieceSize.map(ByteSizeArgument.parse) ?? 0
            if maximum == 0 {
                // Lotus defaults the largest piece to the sector size.
                let miner = try await node.mining.call(\.actorAddress)
                maximum = try await node.mining.call(\.actorSectorSize, try Address(parsing: miner))
            }
            guard minimum <= maximum else { throw CLIError("min piece size (w/bit-padding) \(minimum) cannot exceed max piece size \(maximum)") }
            _ = try await node.markets.call(\.marketSetAsk, price, verified, epochs, minimum, maximum)
        }

        /// A price in FIL (`0.0000000005`, `5 nanoFIL` as `types.ParseFIL` reads it) in attoFIL.
        static func fil(_ text: String, _ option: String) throws -> TokenAmount {
            do {
                return TokenAmount(attoFIL: try FIL.parse(text).attoFIL)
            } catch {
                throw CLIError("invalid \(option) '\(text)': \(error)")
            }
        }
    }

    struct GetAsk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-ask", abstract: "Print the miner's ask")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let signed = try await node.markets.call(\.marketGetAsk)
            var table = TabWriter([
                "Price per GiB/Epoch", "Verified", "Min. Piece Size (padded)", "Max. Piece Size (padded)", "Expiry (Epoch)",
                "Expiry (Appx. Rem. Time)", "Seq. No.",
            ])
            guard let ask = signed.ask else {
                print(table.render() + "<miner does not have an ask>")
                return
            }
            // The remaining time needs the chain's head (FULLNODE_API_INFO), as in Lotus.
            let chain = try NodeConnection(.fullNode, resolver: root.resolver)
            let head = try await SubsystemRef<FullNodeMethods>.remote(chain.client).call(\.chainHead).height
            let blockDelay = try await node.common.call(\.version).blockDelay
            let remaining = head < ask.expiry ? LotusFormat.duration(millis: (ask.expiry - head) * Int64(blockDelay) * 1000) : "<expired>"
            table.row([
                ask.price.fil, ask.verifiedPrice.fil, LotusFormat.size(ask.minPieceSize),
                LotusFormat.size(ask.maxPieceSize), String(ask.expiry), remaining, String(ask.seqNo),
            ])
            print(table.render(), terminator: "")
        }
    }
}
