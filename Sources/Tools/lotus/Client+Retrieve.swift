import APICore
import ArgumentParser
import CLISupport
import ClientAPI
import Foundation
import Multiformats

extension Client {
    /// `lotus client retrieve [--car] --provider MINER DATACID OUT`: `ClientRetrieve`, the file unpacked from its
    /// CAR (or the CAR with `--car`) written to OUT.
    struct Retrieve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retrieve data from network to local file")
        @ParentCommand var root: Lotus
        @Flag(help: "export to a car file instead of a regular file") var car = false
        @Option(help: "Provider to use for retrieval") var provider: String
        @Option(name: .customLong("pieceCid"), help: "require data to be retrieved from a specific Piece CID") var pieceCid: String?
        @Argument(help: "the data CID") var dataCid: String
        @Argument(help: "the output path") var path: String

        func run() async throws {
            let miner = try parseAddress(provider)
            let data: CID, piece: CID?
            do {
                data = try CID(dataCid)
                piece = try pieceCid.map { try CID($0) }
            } catch {
                throw CLIError("invalid CID: \(error)")
            }
            let out = URL(fileURLWithPath: path).standardizedFileURL.path
            _ = try await root.storageClient().call(\.clientRetrieve, RetrievalOrder(root: data, piece: piece, miner: miner), FileRef(path: out, isCAR: car))
            print("Success")
        }
    }
}
