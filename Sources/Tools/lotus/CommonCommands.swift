import ArgumentParser
import CLISupport

/// `lotus version`: the daemon's version and this binary's.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version")
    @ParentCommand var root: Lotus

    func run() async throws {
        print(try await root.connect().versionText(local: Lotus.configuration.version))
    }
}

/// `lotus auth create-token | api-info --perm P`: tokens and API info strings for the daemon.
struct Auth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage RPC permissions", subcommands: [CreateToken.self, APIInfoCommand.self])

    struct CreateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Create token")
        @ParentCommand var root: Lotus
        @OptionGroup var options: PermissionOption

        func run() async throws {
            print(try await root.connect().newToken(try options.permissions()))
        }
    }

    struct APIInfoCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "api-info", abstract: "Get token with API info required to connect to this node")
        @ParentCommand var root: Lotus
        @OptionGroup var options: PermissionOption

        func run() async throws {
            print(try await root.connect().apiInfoLine(try options.permissions()))
        }
    }
}
