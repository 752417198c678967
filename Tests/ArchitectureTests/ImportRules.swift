import Foundation

/// The import rules of the architecture (docs/DESIGN.md, "Where things live"), checked against the sources:
/// API targets import only APICore and wire types; a tool or a client imports no implementation target it does not
/// assemble.
struct ImportRules {
    /// Targets that implement an API or assemble a node. Linking one links its whole implementation.
    static let implementations: Set<String> = [
        "Common", "Mining", "Sealing", "SectorStorage", "Markets", "Net", "FullNode", "Client", "ChainState", "ChainStore",
        "MinerNode", "NodeRuntime", "DaemonNode",
    ]

    /// What an `<Name>API` target may import: the API core, wire types and the standard library's neighbours.
    static let apiAllowed: Set<String> = [
        "APICore", "ChainTypes", "Multiformats", "StorageMarket", "MinerConfig", "Foundation", "Synchronization",
    ]

    /// Wire-format targets that sit beside ChainTypes, and the only modules each may import (no NIO, no Foundation).
    static let wireFormats: [String: Set<String>] = ["StorageMarket": ["ChainTypes", "Multiformats"]]

    /// The implementation targets each tool or client assembles (and so may import); every other one is refused.
    static let assembles: [String: Set<String>] = [
        "lotus-miner": ["MinerNode", "NodeRuntime"],
        "lotus": ["DaemonNode", "NodeRuntime"],
        "lotus-shed": [],
        "lotus-devnet": [],
        "mesh-bench": ["Common"],
        "chain-bench": ["FullNode", "ChainState", "ChainStore"],
        "p2p-bench": [],
        "commp-bench": [],
        "proving-bench": [],
        "addpiece-bench": [],
        "deal-bench": [],
        "BenchSupport": [],
        "RPCFuzz": [],
        "lotus-fuzz": [],
        "CLISupport": [],
    ]

    /// One file's imports that break a rule.
    struct Violation: Equatable, CustomStringConvertible {
        var target: String
        var file: String
        var module: String
        var rule: String
        var description: String { "\(target): \(file) imports \(module) (\(rule))" }
    }

    /// The modules `source` imports (`import X`, `@testable import X`, `internal import X`, …).
    static func imports(in source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains($0) })
            else { return nil }
            return String(words[index + 1].prefix { $0 != "." })
        }
    }

    /// The violations of `target`'s files (name → source).
    static func check(target: String, files: [String: String]) -> [Violation] {
        var found: [Violation] = []
        for (file, source) in files.sorted(by: { $0.key < $1.key }) {
            for module in imports(in: source) {
                if target.hasSuffix("API"), target != "APICore", !apiAllowed.contains(module) {
                    found.append(Violation(target: target, file: file, module: module, rule: "an API target imports only APICore and wire types"))
                }
                if let allowed = wireFormats[target], !allowed.contains(module) {
                    found.append(Violation(target: target, file: file, module: module, rule: "a wire-format target imports only wire types"))
                }
                if let allowed = assembles[target], implementations.contains(module), !allowed.contains(module) {
                    found.append(Violation(target: target, file: file, module: module, rule: "it does not assemble that implementation"))
                }
            }
        }
        return found
    }
}
