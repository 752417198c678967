import JSONRPC
import APICore
import ArgumentParser
import CLISupport
import MinerActors

/// `lotus-miner stop`: graceful shutdown of the miner (or, with `--call-on-markets`, the markets node).
struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop a running lotus miner")
    @ParentCommand var root: LotusMiner

    func run() async throws {
        let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
        _ = try await node.common.call(\.shutdown)
    }
}

/// `lotus-miner version`: the node's version and this binary's.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version")
    @ParentCommand var root: LotusMiner

    func run() async throws {
        let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
        let version = try await node.common.call(\.version)
        print("Daemon:  \(version.version)+api\(version.apiVersion)")
        print("Local: \(LotusMiner.configuration.version)")
    }
}

/// `lotus-miner auth`: tokens and API info strings.
struct Auth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage RPC permissions", subcommands: [CreateToken.self, APIInfoCommand.self])

    struct PermissionOption: ParsableArguments {
        @Option(help: "permission to assign to the token, one of: read, write, sign, admin")
        var perm: String?

        func permissions() throws -> [Permission] {
            guard let perm else { throw CLIError("--perm flag not set, use with one of: read, write, sign, admin") }
            do {
                return try Permission.parse(perm).cumulative
            } catch let error as RPCError {
                throw CLIError(error.message)
            }
        }
    }

    struct CreateToken: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Create token")
        @OptionGroup var options: PermissionOption

        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            print(try await node.common.call(\.authNew, try options.permissions()).text)
        }
    }

    struct APIInfoCommand: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(commandName: "api-info", abstract: "Get token with API info required to connect to this node")
        @OptionGroup var options: PermissionOption

        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            let token = try await node.common.call(\.authNew, try options.permissions()).text
            print("\(node.kind.apiInfoVariable)=\(token):\(node.resolution.info.address)")
        }
    }
}

/// `lotus-miner log`: list loggers and change their level at runtime.
struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage logging", subcommands: [List.self, SetLevel.self])

    struct List: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(abstract: "List log systems")
        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            for name in try await node.common.call(\.logList) { print(name) }
        }
    }

    struct SetLevel: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(commandName: "set-level", abstract: "Set log level")
        @Option(help: "limit to log system (repeatable); all systems when not given")
        var system: [String] = []
        @Argument(help: "debug, info, warn, error")
        var level: String

        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            for name in system.isEmpty ? ["*"] : system {
                _ = try await node.common.call(\.logSetLevel, name, level)
            }
        }
    }
}
