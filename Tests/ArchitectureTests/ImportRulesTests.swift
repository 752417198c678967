import Foundation
import Testing

/// The architecture's import rules hold for every target in the package, and the check does catch a violation.
@Suite("Import rules")
struct ImportRulesTests {
    /// The package root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file of the target at `folder` (relative to the root), by path.
    static func files(under folder: String) throws -> [String: String] {
        let base = root.appendingPathComponent(folder)
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            result[String(url.path.dropFirst(root.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return result
    }

    static let apiTargets: [(String, String)] = [
        ("CommonAPI", "Sources/Actors/Common/CommonAPI"), ("MiningAPI", "Sources/Actors/Mining/MiningAPI"),
        ("SealingAPI", "Sources/Actors/Sealing/SealingAPI"), ("SectorStorageAPI", "Sources/Actors/SectorStorage/SectorStorageAPI"),
        ("MarketsAPI", "Sources/Actors/Markets/MarketsAPI"), ("NetAPI", "Sources/Actors/Net/NetAPI"),
        ("FullNodeAPI", "Sources/Actors/Chain/FullNodeAPI"), ("ClientAPI", "Sources/Actors/Client/ClientAPI"),
    ]

    @Test("every API target imports only APICore and wire types", arguments: apiTargets)
    func apiTargetsStayClean(target: String, folder: String) throws {
        let files = try Self.files(under: folder)
        #expect(!files.isEmpty, "\(folder) holds the \(target) sources")
        let violations = ImportRules.check(target: target, files: files)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test("wire-format targets import only wire types", arguments: ImportRules.wireFormats.keys.sorted())
    func wireFormatTargetsStayClean(target: String) throws {
        let folder = "Sources/Actors/Markets/\(target)"
        let files = try Self.files(under: folder)
        #expect(!files.isEmpty, "\(folder) holds the \(target) sources")
        let violations = ImportRules.check(target: target, files: files)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test("tools and the CLI import only the implementations they assemble", arguments: ImportRules.assembles.keys.sorted())
    func toolsImportOnlyWhatTheyAssemble(target: String) throws {
        let folder = target == "CLISupport" ? "Sources/Nodes/CLISupport" : "Sources/Tools/\(target)"
        let files = try Self.files(under: folder)
        #expect(!files.isEmpty, "\(folder) holds the \(target) sources")
        let violations = ImportRules.check(target: target, files: files)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test("every tool folder has a rule")
    func everyToolHasARule() throws {
        let tools = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/Tools").path)
        #expect(Set(tools).isSubset(of: Set(ImportRules.assembles.keys)), "tools without an import rule: \(Set(tools).subtracting(ImportRules.assembles.keys))")
    }

    @Test("the check refuses a CLI that links the chain, and an API target that links NIO")
    func checkCatchesViolations() {
        let cli = ImportRules.check(target: "lotus-miner", files: ["Info.swift": "import APICore\nimport FullNode\n@testable import Sealing.SealingActor\n"])
        #expect(cli.map(\.module) == ["FullNode", "Sealing"])
        let api = ImportRules.check(target: "SealingAPI", files: ["SealingAPI.swift": "import APICore\nimport NIOCore\n"])
        #expect(api.map(\.module) == ["NIOCore"])
        let wire = ImportRules.check(target: "StorageMarket", files: ["Framing.swift": "import ChainTypes\nimport Foundation\nimport NIOCore\n"])
        #expect(wire.map(\.module) == ["Foundation", "NIOCore"])
        #expect(ImportRules.check(target: "lotus-miner", files: ["Run.swift": "import MinerNode\nimport SealingAPI\n"]).isEmpty)
    }
}
