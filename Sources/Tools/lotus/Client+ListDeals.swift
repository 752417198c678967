import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import Multiformats
import StorageMarket

extension Client {
    /// `lotus client list-deals [-v] [--show-failed]`: `ClientListDeals` in Lotus v1.17's columns, oldest first, with
    /// each published deal's on-chain state (`StateMarketStorageDeal`). Failed deals show with `--show-failed` only.
    struct ListDeals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-deals", abstract: "List storage market deals")
        @ParentCommand var root: Lotus
        @Flag(name: [.customShort("v"), .customLong("verbose")], help: "print verbose deal details") var verbose = false
        @Flag(name: .customLong("show-failed"), help: "show failed/failing deals") var showFailed = false

        func run() async throws {
            let node = try root.fullNode()
            let deals = try await root.storageClient().call(\.clientListDeals)
                .filter { showFailed || $0.state != .error }
                .sorted { $0.creationTime < $1.creationTime }
            var rows: [(deal: DealInfo, onChain: DealState)] = []
            for deal in deals {
                rows.append((deal, try await Self.onChainState(of: deal, on: node)))
            }
            print(verbose ? Self.verboseTable(rows) : Self.table(rows), terminator: "")
        }

        /// Lotus's `dealFromDealInfo`: the empty state (-1 epochs) before a deal ID; zeros when the chain does not know it.
        static func onChainState(of deal: DealInfo, on node: SubsystemRef<FullNodeMethods>) async throws -> DealState {
            guard deal.dealID != 0 else { return .published }
            guard let onChain = try? await node.call(\.stateMarketStorageDeal, deal.dealID, nil) else {
                return DealState(sectorNumber: 0, sectorStartEpoch: 0, lastUpdatedEpoch: 0, slashEpoch: 0)
            }
            return onChain.state
        }

        static func table(_ rows: [(deal: DealInfo, onChain: DealState)]) -> String {
            var table = TableWriter(
                ["DealCid", "DealId", "Provider", "State", "On Chain?", "Slashed?", "PieceCID", "Size", "Price", "Duration", "Verified", "Message"],
                separateLine: ["Message"])
            for (deal, onChain) in rows {
                table.write([
                    "DealCid": ellipsis(deal.proposalCid.description, 8), "DealId": String(deal.dealID), "Provider": deal.provider.description,
                    "State": deal.state.name, "On Chain?": epochMark(onChain.sectorStartEpoch), "Slashed?": epochMark(onChain.slashEpoch),
                    "PieceCID": ellipsis(deal.pieceCID.description, 8), "Size": LotusFormat.size(deal.size), "Price": price(deal),
                    "Duration": String(deal.duration), "Verified": String(deal.verified), "Message": deal.message,
                ])
            }
            return table.render()
        }

        /// `-v`: Go's tabwriter (min width 2, padding 2) over every column, the message last and unpadded.
        static func verboseTable(_ rows: [(deal: DealInfo, onChain: DealState)]) -> String {
            var lines = [[
                "Created", "DealCid", "DealId", "Provider", "State", "On Chain?", "Slashed?", "PieceCID", "Size", "Price", "Duration",
                "TransferChannelID", "TransferStatus", "Verified", "Message",
            ]]
            for (deal, onChain) in rows {
                lines.append([
                    created(deal.creationTime), deal.proposalCid.description, String(deal.dealID), deal.provider.description, deal.state.name,
                    epochMark(onChain.sectorStartEpoch), epochMark(onChain.slashEpoch), deal.pieceCID.description, LotusFormat.size(deal.size),
                    price(deal), String(deal.duration), "", "", String(deal.verified), deal.message,
                ])
            }
            let cells = lines[0].count - 1
            let widths = (0..<cells).map { column in max(2, lines.map { $0[column].count }.max() ?? 0) + 2 }
            return lines.map { line in
                (0..<cells).map { line[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined() + line[cells] + "\n"
            }.joined()
        }

        /// `N`, or `Y (epoch E)` once the epoch is set.
        static func epochMark(_ epoch: ChainEpoch) -> String { epoch == -1 ? "N" : "Y (epoch \(epoch))" }

        /// The deal's whole price, price per epoch × duration.
        static func price(_ deal: DealInfo) -> String {
            (deal.pricePerEpoch.multipliedReportingOverflow(by: Int64(clamping: deal.duration)) ?? deal.pricePerEpoch).fil
        }

        /// Go's `time.Stamp` (`Jan _2 15:04:05`) of an RFC 3339 time, in local time.
        static func created(_ text: String) -> String {
            let parser = ISO8601DateFormatter()
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = parser.date(from: text) else { return text }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "MMM d HH:mm:ss"
            let stamp = formatter.string(from: date)
            // `_2` pads a one-digit day with a space.
            let parts = stamp.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, parts[1].count == 1 else { return stamp }
            return "\(parts[0])  \(parts[1]) \(parts[2])"
        }
    }
}

/// Lotus's `ellipsis`: the last `length` characters after `...` when the text is longer.
func ellipsis(_ text: String, _ length: Int) -> String {
    text.count > length ? "..." + text.suffix(length) : text
}
