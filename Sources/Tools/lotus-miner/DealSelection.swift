import APICore
import ArgumentParser
import CLISupport
import MarketsAPI

/// Which deals a `selection` group configures: their noun and the markets node's Consider* getters and setters.
protocol DealSelectionKind {
    static var noun: String { get }
    static var online: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { get }
    static var offline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { get }
    static var setOnline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { get }
    static var setOffline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { get }
}

/// `storage-deals selection` and `retrieval-deals selection` (`list`, `reset`, `reject [--online] [--offline]`): the
/// Consider* flags of the markets node, persisted in its config.toml.
struct DealSelection<Kind: DealSelectionKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "selection", abstract: "Configure acceptance criteria for \(Kind.noun) deal proposals",
            subcommands: [List.self, Reset.self, Reject.self])
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "List \(Kind.noun) deal proposal selection criteria") }
        @ParentCommand var root: LotusMiner
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            print("considering online \(Kind.noun) deals: \(try await node.markets.call(Kind.online))")
            print("considering offline \(Kind.noun) deals: \(try await node.markets.call(Kind.offline))")
        }
    }

    struct Reset: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: "Reset \(Kind.noun) deal proposal selection criteria to default values")
        }
        @ParentCommand var root: LotusMiner
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(Kind.setOnline, true)
            _ = try await node.markets.call(Kind.setOffline, true)
        }
    }

    struct Reject: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: "Configure criteria which necessitate automatic rejection") }
        @ParentCommand var root: LotusMiner
        @Flag var online = false
        @Flag var offline = false
        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            if online { _ = try await node.markets.call(Kind.setOnline, false) }
            if offline { _ = try await node.markets.call(Kind.setOffline, false) }
        }
    }
}

/// Storage deals' selection.
enum StorageDealKind: DealSelectionKind {
    static let noun = "storage"
    static var online: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { \.dealsConsiderOnlineStorageDeals }
    static var offline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { \.dealsConsiderOfflineStorageDeals }
    static var setOnline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { \.dealsSetConsiderOnlineStorageDeals }
    static var setOffline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { \.dealsSetConsiderOfflineStorageDeals }
}

/// Retrieval deals' selection.
enum RetrievalDealKind: DealSelectionKind {
    static let noun = "retrieval"
    static var online: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { \.dealsConsiderOnlineRetrievalDeals }
    static var offline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args0, Bool>> { \.dealsConsiderOfflineRetrievalDeals }
    static var setOnline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { \.dealsSetConsiderOnlineRetrievalDeals }
    static var setOffline: KeyPath<MarketsMethods, RPCMethod<any MarketsAPI, Args1<Bool>, Empty?>> { \.dealsSetConsiderOfflineRetrievalDeals }
}
