import APICore
import CommonAPI
import JSONRPC

/// What `version`, `auth create-token` and `auth api-info` print, for every tool (`lotus`, `lotus-miner`).
extension NodeConnection {
    /// `Daemon:  <version>+api<x.y.z>` then `Local: <local>`, as Lotus's `version` command prints them.
    public func versionText(local: String) async throws -> String {
        let version = try await common.call(\.version)
        return "Daemon:  \(version.version)+api\(version.apiVersion)\nLocal: \(local)"
    }

    /// A new token with `permissions`.
    public func newToken(_ permissions: [Permission]) async throws -> String {
        try await common.call(\.authNew, permissions).text
    }

    /// `<NODE>_API_INFO=<token>:<multiaddr>` with a new token, as `auth api-info` prints it.
    public func apiInfoLine(_ permissions: [Permission]) async throws -> String {
        "\(kind.apiInfoVariable)=\(try await newToken(permissions)):\(resolution.info.address)"
    }
}
