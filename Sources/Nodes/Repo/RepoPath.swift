import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The absolute location of a node repository (`~/.lotusminer`, `~/.lotusmarkets`, ...), with `~` expanded.
public struct RepoPath: Sendable, Hashable, CustomStringConvertible {
    /// Lotus's default miner repo, `LOTUS_MINER_PATH`'s default.
    public static let defaultMinerRepo = "~/.lotusminer"

    /// Absolute, standardized path of the repo directory.
    public let path: String

    /// Expands a leading `~` or `~/` using `HOME` (or the password database when `HOME` is unset) and makes
    /// relative paths absolute against the current directory. `~user` forms are left as written.
    public init(_ raw: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        var expanded = raw
        if raw == "~" || raw.hasPrefix("~/") {
            expanded = Self.homeDirectory(environment) + raw.dropFirst()
        }
        if !expanded.hasPrefix("/") {
            expanded = FileManager.default.currentDirectoryPath + "/" + expanded
        }
        path = (expanded as NSString).standardizingPath
    }

    /// `path` joined with a relative component, e.g. `appending("keystore")`.
    public func appending(_ component: String) -> String {
        (path as NSString).appendingPathComponent(component)
    }

    /// The repo path as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Same as ``path``.
    public var description: String { path }

    private static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            return String(cString: dir)
        }
        return "/"
    }
}
