import APICore
import ArgumentParser
import CLISupport
import CommonAPI
import JSONRPC

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
        print(try await node.versionText(local: LotusMiner.configuration.version))
    }
}

/// `lotus-miner auth`: tokens and API info strings.
struct Auth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage RPC permissions", subcommands: [CreateToken.self, APIInfoCommand.self])

    struct CreateToken: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Create token")
        @OptionGroup var options: PermissionOption

        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            print(try await node.newToken(try options.permissions()))
        }
    }

    struct APIInfoCommand: AsyncParsableCommand {
        @ParentCommand var root: LotusMiner
        static let configuration = CommandConfiguration(commandName: "api-info", abstract: "Get token with API info required to connect to this node")
        @OptionGroup var options: PermissionOption

        func run() async throws {
            let node = try NodeConnection(root.commonTarget, resolver: root.resolver)
            print(try await node.apiInfoLine(try options.permissions()))
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
