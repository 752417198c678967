import ArgumentParser
import ClientAPI
import CAR
import CLISupport
import Foundation
import Multiformats
import PieceCommitment

/// `lotus client commP | generate-car | import`: what a client does to a file before a deal, locally (no daemon
/// needed). `import` keeps the CAR in the client repo, `<repo>/imports/<id>.car`, with `<id>.json` beside it.
/// `deal | query-ask | list-deals | get-deal` talk to the daemon's storage client (`Client*` methods).
struct Client: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make deals, store data, retrieve data",
        subcommands: [Deal.self, QueryAsk.self, ListDeals.self, GetDeal.self, Retrieve.self, CommP.self, GenerateCAR.self, Import.self])

    struct CommP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "commP", abstract: "Calculate the piece-cid (commP) of a file")
        @Argument(help: "the file (usually a CAR) to compute the piece CID of") var inputPath: String
        @Option(help: "Output format: text (Lotus's three lines) or json") var format = OutputFormat.text

        func run() async throws {
            let digest = try Client.commP(ofFileAt: inputPath)
            switch format {
            case .text:
                // Lotus prints the unpadded piece size (CommPRet.Size), with fmt.Println's spacing.
                print("CID: ", digest.cid)
                print("Piece size: ", LotusFormat.size(digest.paddedSize.unpadded.rawValue))
                print("Piece size in bytes: ", digest.paddedSize.unpadded.rawValue)
            case .json:
                print(try Client.json(PieceJSON(digest)))
            }
        }
    }

    struct GenerateCAR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-car",
            abstract: "Generate a car file from input (UnixFS, 1 MiB raw leaves, 1024 links per node, CIDv1); prints the root")
        @Argument(help: "the file to import") var inputPath: String
        @Argument(help: "where to write the CAR") var outputPath: String

        func run() async throws {
            let (dag, _) = try Client.writeCAR(of: inputPath, to: outputPath, commP: false)
            print(dag.root)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import data: build its CAR into the client repo for a later deal; prints the data CID")
        @ParentCommand var root: Lotus
        @Flag(help: "the input is already a CAR; its single root is the data CID") var car = false
        @Argument(help: "the file to import") var inputPath: String

        func run() async throws {
            let repo = (root.resolver.fullNodeRepoPath.path as NSString).expandingTildeInPath
            let imports = URL(fileURLWithPath: repo).appendingPathComponent("imports")
            try FileManager.default.createDirectory(at: imports, withIntermediateDirectories: true)
            let id = try Client.nextImportID(in: imports)
            let carPath = imports.appendingPathComponent("\(id).car").path
            let record: ImportRecord
            do {
                if car {
                    let index = try CARIndex(path: inputPath)
                    guard index.header.roots.count == 1, let dataRoot = index.header.roots.first else {
                        throw ValidationError("\(inputPath) has \(index.header.roots.count) roots; a deal's CAR has exactly one")
                    }
                    try FileManager.default.copyItem(atPath: inputPath, toPath: carPath)
                    let digest = try Client.commP(ofFileAt: carPath)
                    record = ImportRecord(id: id, source: inputPath, car: carPath, root: dataRoot, piece: PieceJSON(digest))
                } else {
                    let (dag, digest) = try Client.writeCAR(of: inputPath, to: carPath, commP: true)
                    guard let digest else { throw ValidationError("no piece commitment computed") }
                    record = ImportRecord(id: id, source: inputPath, car: carPath, root: dag.root, piece: PieceJSON(digest))
                }
            } catch {
                try? FileManager.default.removeItem(atPath: carPath)
                throw error
            }
            try Data(Client.json(record).utf8).write(to: imports.appendingPathComponent("\(id).json"))
            print("Import \(id), Root \(record.root)")
        }
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// CommP of a file, read once on every core.
    static func commP(ofFileAt path: String) throws -> PieceDigest {
        let file = try FileSource(path: path)
        let size = try file.size()
        let builder = CommPBuilder(parallelism: ProcessInfo.processInfo.activeProcessorCount)
        let progress = ProgressLine("commP", total: size)
        defer { progress.finish() }
        var buffer = [UInt8](repeating: 0, count: 8 << 20)
        var done: UInt64 = 0
        while true {
            let count = try buffer.withUnsafeMutableBytes { raw in try file.readFully(into: raw) }
            if count == 0 { break }
            try buffer.withUnsafeBytes { raw in try builder.update(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
            done += UInt64(count)
            progress.update(done)
        }
        return try builder.finish()
    }

    /// Builds the UnixFS DAG of `input` and writes it as a CARv1 to `output`; with `commP`, the CAR's piece
    /// commitment is computed from the bytes as they are written.
    static func writeCAR(of input: String, to output: String, commP: Bool) throws -> (UnixFSImporter.DAG, PieceDigest?) {
        let importer = UnixFSImporter()
        let file = try FileSource(path: input)
        let size = try file.size()
        let reading = ProgressLine("reading", total: size)
        let dag = try importer.buildDAG(of: file) { reading.update($0) }
        reading.finish()
        let out = try FileOutput(path: output)
        let builder = commP ? CommPBuilder(parallelism: ProcessInfo.processInfo.activeProcessorCount) : nil
        var writer = CARWriter { (bytes: ArraySlice<UInt8>) throws(CARError) in
            try out.write(bytes)
            do { try bytes.withUnsafeBytes { raw in try builder?.update(raw) } } catch {
                throw CARError(.io, "piece commitment of the CAR: \(error)")
            }
        }
        let writing = ProgressLine("writing CAR", total: size)
        defer { writing.finish() }
        try importer.writeCAR(dag, from: file, to: &writer) { writing.update($0) }
        try out.close()
        return (dag, try builder?.finish())
    }

    /// One more than the largest numeric import ID in `directory`.
    static func nextImportID(in directory: URL) throws -> UInt64 {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let ids = names.compactMap { name -> UInt64? in
            guard name.hasSuffix(".json") else { return nil }
            return UInt64(name.dropLast(5))
        }
        return (ids.max() ?? 0) + 1
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
