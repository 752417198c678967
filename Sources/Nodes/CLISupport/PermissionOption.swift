import APICore
import ArgumentParser

/// `--perm read|write|sign|admin` of `auth create-token` and `auth api-info`: the permission and every weaker one.
public struct PermissionOption: ParsableArguments {
    @Option(help: "permission to assign to the token, one of: read, write, sign, admin")
    public var perm: String?

    public init() {}

    /// The cumulative permissions for `--perm` (`sign` → read, write, sign).
    /// - Throws: ``CLIError`` with Lotus's message when the flag is missing or unknown.
    public func permissions() throws -> [Permission] {
        guard let perm else { throw CLIError("--perm flag not set, use with one of: read, write, sign, admin") }
        do {
            return try Permission.parse(perm).cumulative
        } catch let error as RPCError {
            throw CLIError(error.message)
        }
    }
}
