import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import ClientAPI
import FullNodeAPI
import Multiformats
import StorageMarket

extension Client {
    /// `lotus client deal [--manual-piece-cid CID --manual-piece-size N] [--from ADDR] [--start-epoch N]
    /// [--fast-retrieval] DATACID MINER PRICE DURATION`: `ClientStartDeal`, printing the proposal CID as Lotus v1.17 does.
    /// Without `--manual-piece-cid` the deal is online: the daemon sends the CAR `lotus client import` kept for DATACID.
    struct Deal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Initialize storage deal with a miner",
            discussion: """
                Make a deal with a miner.
                dataCid comes from running 'lotus client import'.
                miner is the address of the miner you wish to make a deal with.
                price is measured in FIL/Epoch. Miners usually don't accept a bid
                lower than their advertised ask (which is in FIL/GiB/Epoch). You can check a miners listed price
                with 'lotus client query-ask <miner address>'.
                duration is how long the miner should store the data for, in blocks.
                """)
        @ParentCommand var root: Lotus
        @Option(name: .customLong("manual-piece-cid"), help: "manually specify piece commitment for data (dataCid must be to a car file)")
        var manualPieceCID: String?
        @Option(
            name: .customLong("manual-piece-size"),
            help: "if manually specifying piece cid, used to specify size (dataCid must be to a car file)")
        var manualPieceSize: Int64 = 0
        @Option(help: "specify address to fund the deal with") var from: String?
        @Option(name: .customLong("start-epoch"), help: "specify the epoch that the deal should start at") var startEpoch: Int64 = -1
        @Flag(name: .customLong("fast-retrieval"), inversion: .prefixedNo, help: "indicates that data should be available for fast retrieval")
        var fastRetrieval = true
        @Flag(name: .customLong("verified-deal"), help: "indicate that the deal counts towards verified client total")
        var verifiedDeal = false
        @Option(name: .customLong("provider-collateral"), help: "specify the requested provider collateral the miner should put up")
        var providerCollateral: String?
        @Argument(help: "the data CID (from lotus client import)") var dataCid: String
        @Argument(help: "the miner address") var miner: String
        @Argument(help: "price in FIL per epoch for the whole deal") var price: String
        @Argument(help: "duration in epochs") var duration: String

        func run() async throws {
            let node = try root.fullNode()
            let data = try parseCID(dataCid, what: "data CID")
            let provider = try parseAddress(miner)
            let epochPrice = try parseFIL(price, what: "price")
            guard let epochs = Int32(duration) else { throw CLIError("invalid duration '\(duration)': expected a number of epochs") }
            var collateral = TokenAmount.zero
            if let providerCollateral {
                guard let value = Int128(providerCollateral), value >= 0 else {
                    throw CLIError("failed to parse provider-collateral: '\(providerCollateral)' is not a whole number of attoFIL")
                }
                collateral = TokenAmount(attoFIL: value)
            }
            let network = try await node.call(\.stateGetNetworkParams)
            if ChainEpoch(epochs) < network.dealMinDuration {
                throw CLIError("minimum deal duration is \(network.dealMinDuration) blocks")
            }
            if ChainEpoch(epochs) > network.dealMaxDuration {
                throw CLIError("maximum deal duration is \(network.dealMaxDuration) blocks")
            }
            let wallet = try await walletAddress(from, on: node)
            var ref = DataRef(transferType: DataRef.transferTypeGraphsync, root: data)
            if let manualPieceCID {
                ref.pieceCID = try parseCID(manualPieceCID, what: "provided manual piece cid")
                guard manualPieceSize != 0 else { throw CLIError("must specify piece size when manually setting cid") }
                guard let size = UInt64(exactly: manualPieceSize) else {
                    throw CLIError("invalid --manual-piece-size \(manualPieceSize): expected the unpadded piece size in bytes")
                }
                ref.pieceSize = size
                ref.transferType = DataRef.transferTypeManual
            }
            if verifiedDeal {
                throw CLIError("address \(wallet) does not have verified client status (this devnet has no verified registry)")
            }
            let params = StartDealParams(
                data: ref, wallet: wallet, miner: provider, epochPrice: epochPrice, minBlocksDuration: UInt64(epochs),
                providerCollateral: collateral, dealStartEpoch: startEpoch, fastRetrieval: fastRetrieval, verifiedDeal: false)
            print(try await root.storageClient().call(\.clientStartDeal, params))
        }
    }
}

/// Parses a CID argument, with the reason when it is invalid.
func parseCID(_ text: String, what: String) throws -> CID {
    do {
        return try CID(text)
    } catch {
        throw CLIError("failed to parse \(what) '\(text)': \(error)")
    }
}

/// `--from`, or the daemon's default wallet address.
func walletAddress(_ from: String?, on node: SubsystemRef<FullNodeMethods>) async throws -> Address {
    if let from { return try parseAddress(from) }
    return try await node.call(\.walletDefaultAddress)
}
