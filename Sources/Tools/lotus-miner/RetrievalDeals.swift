import APICore
import ArgumentParser
import CLISupport
import MarketsAPI
import Multiformats

/// `lotus-miner retrieval-deals`: the retrievals the markets node served or refused, and its retrieval selection.
struct RetrievalDeals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieval-deals", abstract: "Manage retrieval deals and related configuration", subcommands: [DealSelection<RetrievalDealKind>.self, List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List all active retrieval deals for this miner")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            print(Self.render(try await node.markets.call(\.marketListRetrievalDeals)), terminator: "")
        }

        /// Lotus's table: Receiver, DealID, Payload (`...` and its last 8 characters), State, PricePerByte, BytesSent,
        /// Message; by deal number.
        static func render(_ deals: [ProviderRetrievalDeal]) -> String {
            var table = TabWriter(["Receiver", "DealID", "Payload", "State", "PricePerByte", "BytesSent", "Message"])
            for deal in deals.sorted(by: { $0.id < $1.id }) {
                let payload = deal.payloadCID.description
                table.row([deal.receiver, String(deal.id), "..." + payload.suffix(8), deal.status.name, "0", String(deal.totalSent), deal.message])
            }
            return table.render()
        }
    }
}
