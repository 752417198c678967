import APICore
import ArgumentParser
import CLISupport
import MarketsAPI
import Multiformats

/// `lotus-miner pieces`: the markets node's piece index.
struct Pieces: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pieces", abstract: "interact with the piecestore",
        discussion: "The piecestore is a database that tracks and manages data that is made available to the retrieval market",
        subcommands: [ListPieces.self, ListCids.self, PieceInfo.self])

    struct ListPieces: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-pieces", abstract: "list registered pieces")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            for piece in try await node.markets.call(\.piecesListPieces) { print(piece) }
        }
    }

    struct ListCids: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-cids", abstract: "list registered payload CIDs")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            for payload in try await node.markets.call(\.piecesListCidInfos) { print(payload) }
        }
    }

    struct PieceInfo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "piece-info", abstract: "get registered information for a given piece CID")
        @ParentCommand var root: LotusMiner
        @Argument(help: "piece CID") var piece: String

        func run() async throws {
            let cid: CID
            do {
                cid = try CID(piece)
            } catch {
                throw CLIError("'\(piece)' is not a CID: \(error)")
            }
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let record = try await node.markets.call(\.piecesGetPieceInfo, cid)
            print("Piece: ", record.pieceCID)
            print("Deals:")
            var table = TabWriter(["DealID", "SectorID", "Length", "Offset"])
            for deal in record.deals { table.row([String(deal.dealID), String(deal.sectorID), String(deal.length), String(deal.offset)]) }
            print(table.render(), terminator: "")
        }
    }
}
