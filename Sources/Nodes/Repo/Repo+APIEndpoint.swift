import Foundation

/// The `api` file: the multiaddr of the running node's API (e.g. `/ip4/127.0.0.1/tcp/2345/http`), written on
/// start and removed on clean shutdown. CLI endpoint resolution reads it.
extension Repo {
    /// Writes `multiaddr` to `api` (mode 0644, atomic), Lotus's `SetAPIEndpoint`.
    public func writeAPIEndpoint(_ multiaddr: String) throws {
        try PosixFile.writeAtomically(Array(multiaddr.utf8), to: apiPath, mode: 0o644)
    }

    /// The endpoint in `api` (whitespace trimmed), or nil when the file does not exist (node not running).
    /// An empty file is reported as corrupt.
    public func apiEndpoint() throws -> String? {
        guard let bytes = try PosixFile.readFile(apiPath) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw RepoError(.corrupt, "API endpoint file '\(apiPath)' is empty; remove it if the node is not running")
        }
        return text
    }

    /// Removes `api`; a missing file is not an error.
    public func removeAPIEndpoint() throws {
        try PosixFile.remove(apiPath)
    }
}
