import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import Foundation
import MarketsAPI
import Multiformats
import StorageMarket

/// `storage-deals list`, `import-data` and `pending-publish`: the provider's deals on the markets node.
extension StorageDeals {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List all deals for this miner")
        @ParentCommand var root: LotusMiner
        @Flag(name: [.short, .long], help: "print verbose deal details") var verbose = false
        @Option(help: "output format: table or json") var format = "table"
        @Flag(help: "watch deal updates in real-time, rather than a one time list") var watch = false

        func run() async throws {
            guard format == "table" || format == "json" else { throw CLIError("unknown --format \(format): table or json") }
            let node = try NodeConnection(.markets, resolver: root.resolver)
            var shown: [MinerDeal]?
            repeat {
                let deals = try await node.markets.call(\.marketListIncompleteDeals)
                if deals != shown {
                    if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                    print(try Self.render(deals, format: format, verbose: verbose), terminator: "")
                    shown = deals
                }
                if watch { try await Task.sleep(for: .seconds(1)) }
            } while watch
        }

        /// Lotus's `outputStorageDeals`: ProposalCid (shortened unless verbose), DealId, State, Client, Size, Price,
        /// Duration; verbose adds Creation, Verified, TransferChannelID and Message.
        static func render(_ deals: [MinerDeal], format: String, verbose: Bool) throws -> String {
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                return String(decoding: try encoder.encode(deals), as: UTF8.self) + "\n"
            }
            var table = TabWriter(
                verbose
                    ? ["Creation", "Verified", "ProposalCid", "DealId", "State", "Client", "Size", "Price", "Duration", "TransferChannelID", "Message"]
                    : ["ProposalCid", "DealId", "State", "Client", "Size", "Price", "Duration"])
            for deal in deals {
                let cid = deal.proposalCid.description
                let price = deal.proposal.storagePricePerEpoch.multipliedReportingOverflow(by: deal.proposal.duration)?.fil ?? "overflow"
                let common = [
                    verbose ? cid : "..." + cid.suffix(8), String(deal.dealID), deal.state.name, deal.proposal.client.description,
                    LotusFormat.bytesSize(deal.proposal.pieceSize), price, String(deal.proposal.duration),
                ]
                table.row(
                    verbose
                        ? [deal.creationTime, String(deal.proposal.verifiedDeal)] + common + [deal.transferChannelId ?? "", deal.message]
                        : common)
            }
            return table.render()
        }
    }

    struct ImportData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-data", abstract: "Manually import data for a deal")
        @ParentCommand var root: LotusMiner
        @Argument(help: "the deal's proposal CID") var proposal: String
        @Argument(help: "the file with the deal's data (a CAR), on the markets node") var file: String

        func run() async throws {
            let cid: CID
            do {
                cid = try CID(proposal)
            } catch {
                throw CLIError("'\(proposal)' is not a CID: \(error)")
            }
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dealsImportData, cid, path)
        }
    }

    struct PendingPublish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending-publish", abstract: "list deals waiting in publish queue")
        @ParentCommand var root: LotusMiner
        @Flag(name: .customLong("publish-now"), help: "send a publish message now") var publishNow = false

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            if publishNow {
                _ = try await node.markets.call(\.marketPublishPendingDeals)
                return
            }
            let pending = try await node.markets.call(\.marketPendingDeals)
            guard !pending.deals.isEmpty else {
                print("No deals queued to be published")
                return
            }
            let publishAt = pending.publishPeriodStart.addingTimeInterval(Double(pending.publishPeriod) / 1e9)
            let waiting = max(0, publishAt.timeIntervalSinceNow)
            print("Publish period:             \(LotusFormat.duration(millis: pending.publishPeriod / 1_000_000)) (ends in \(LotusFormat.duration(millis: Int64(waiting * 1000))))")
            print("First deal queued at:       \(PendingDealInfo.format(pending.publishPeriodStart))")
            print("Deals will be published at: \(PendingDealInfo.format(publishAt))")
            print("\(pending.deals.count) deals queued to be published:")
            var table = TabWriter(["ProposalCID", "Client", "Size"])
            for deal in pending.deals {
                table.row([deal.proposal.cid.description, deal.proposal.client.description, LotusFormat.bytesSize(deal.proposal.pieceSize)])
            }
            print(table.render(), terminator: "")
        }
    }
}
