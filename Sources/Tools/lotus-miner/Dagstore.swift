import APICore
import ArgumentParser
import CLISupport
import MarketsAPI
import Multiformats

/// `lotus-miner dagstore`: the markets node's DAG store, a block index per deal piece.
struct Dagstore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dagstore", abstract: "Manage the dagstore on the markets subsystem",
        subcommands: [ListShards.self, RegisterShard.self, InitializeShard.self, RecoverShard.self, InitializeAll.self, GC.self, LookupPieces.self])

    /// Lotus's `printTableShards`: Key, State (without its `ShardState` prefix), Error; nothing for no shards.
    static func render(_ shards: [DagstoreShardInfo]) -> String {
        guard !shards.isEmpty else { return "" }
        var table = TableWriter(["Key", "State", "Error"])
        for shard in shards {
            let state = shard.state.hasPrefix("ShardState") ? String(shard.state.dropFirst("ShardState".count)) : shard.state
            table.write(["Key": shard.key, "State": state, "Error": shard.error])
        }
        return table.render()
    }

    struct ListShards: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-shards", abstract: "List all shards known to the dagstore, with their current status")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            print(Dagstore.render(try await node.markets.call(\.dagstoreListShards)), terminator: "")
        }
    }

    struct RegisterShard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "register-shard", abstract: "Register a shard")
        @ParentCommand var root: LotusMiner
        @Argument(help: "the piece CID") var key: String

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dagstoreRegisterShard, key)
            print("Registered shard \(key)")
        }
    }

    struct InitializeShard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "initialize-shard", abstract: "Initialize the specified shard")
        @ParentCommand var root: LotusMiner
        @Argument(help: "the piece CID") var key: String

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dagstoreInitializeShard, key)
        }
    }

    struct RecoverShard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recover-shard", abstract: "Attempt to recover a shard in errored state")
        @ParentCommand var root: LotusMiner
        @Argument(help: "the piece CID") var key: String

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            _ = try await node.markets.call(\.dagstoreRecoverShard, key)
        }
    }

    /// Initializes every shard that is not Available, one at a time, printing each result.
    struct InitializeAll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "initialize-all", abstract: "Initialize all uninitialized shards")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let waiting = try await node.markets.call(\.dagstoreListShards).filter { $0.state != DagstoreShardInfo.available }
            print("found \(waiting.count) shards to initialize")
            for shard in waiting {
                do {
                    _ = try await node.markets.call(\.dagstoreInitializeShard, shard.key)
                    print("\(shard.key): initialized")
                } catch let error as RPCError {
                    print("\(shard.key): failed: \(error.message)")
                }
            }
        }
    }

    struct GC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "gc", abstract: "Garbage collect the dagstore")
        @ParentCommand var root: LotusMiner

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            let results = try await node.markets.call(\.dagstoreGC)
            if results.isEmpty { print("no shards collected") }
            for result in results { print("\(result.key): \(result.success ? "SUCCESS" : "FAIL: " + result.error)") }
        }
    }

    struct LookupPieces: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lookup-pieces", abstract: "Lookup pieces that a given CID belongs to")
        @ParentCommand var root: LotusMiner
        @Argument(help: "a block CID") var cid: String

        func run() async throws {
            let block: CID
            do {
                block = try CID(cid)
            } catch {
                throw CLIError("invalid CID '\(cid)': \(error)")
            }
            let node = try NodeConnection(.markets, resolver: root.resolver)
            print(Dagstore.render(try await node.markets.call(\.dagstoreLookupPieces, block)), terminator: "")
        }
    }
}
