import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import Multiformats

extension Client {
    /// `lotus client get-deal PROPOSALCID`: `ClientGetDealInfo` and, once published, `StateMarketStorageDeal`, as the
    /// JSON object Lotus v1.17 prints (`{"DealInfo: ": …, "OnChain": …}`, indented by two spaces; keys sorted).
    struct GetDeal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-deal", abstract: "Print detailed deal information")
        @ParentCommand var root: Lotus
        @Argument(help: "the deal's proposal CID") var proposalCid: String

        struct Output: Encodable {
            var dealInfo: DealInfo
            var onChain: MarketDeal? = nil
            enum CodingKeys: String, CodingKey { case dealInfo = "DealInfo: ", onChain = "OnChain" }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(dealInfo, forKey: .dealInfo)
                try c.encodeIfPresent(onChain, forKey: .onChain)
            }
        }

        func run() async throws {
            let proposal = try parseCID(proposalCid, what: "proposal CID")
            let info = try await root.storageClient().call(\.clientGetDealInfo, proposal)
            var output = Output(dealInfo: info)
            if info.dealID != 0 {
                output.onChain = try await root.fullNode().call(\.stateMarketStorageDeal, info.dealID, nil)
            }
            print(try Client.json(output).replacingOccurrences(of: "\" : ", with: "\": "))
        }
    }
}
