import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a running node may write online backups (`CreateBackup`): inside the directory its process was started
/// with as `LOTUS_BACKUP_BASE_PATH` (Lotus `node/impl/backup.go`), so an API caller cannot make the node write
/// anywhere else.
///
/// Stricter than Lotus, whose check is a string prefix (`/base2/f` passes for `/base`): both paths are made
/// absolute, `~` expanded, `.`/`..` and symlinks resolved, and the file must lie below the base by whole path
/// components.
public struct BackupBasePath: Sendable, Equatable {
    /// The environment variable of the node process.
    public static let environmentVariable = "LOTUS_BACKUP_BASE_PATH"

    /// The configured base directory, as given; nil when the variable is unset or empty.
    public let path: String?

    public init(path: String?) {
        self.path = path.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The base path from a process environment.
    public init(environment: [String: String]) {
        self.init(path: environment[Self.environmentVariable])
    }

    /// The absolute path to write for `requested`, after checking that it lies inside the base path.
    /// - Throws: ``RepoError`` (`notPermitted`) with Lotus's messages: "LOTUS_BACKUP_BASE_PATH env var not set",
    ///   "backup file name (F) must be inside base path (B)"; `io` when the file's directory does not exist.
    public func resolve(_ requested: String) throws -> String {
        guard let path else { throw RepoError(.notPermitted, "\(Self.environmentVariable) env var not set") }
        let base = Self.absolute(path)
        let file = Self.absolute(requested)
        let outside = RepoError(.notPermitted, "backup file name (\(file)) must be inside base path (\(base))")
        let name = (file as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != "..", file != "/" else { throw outside }
        guard let realBase = Self.realPath(base) else {
            throw RepoError(.io, "backup base path (\(base)) does not exist; create it or change \(Self.environmentVariable)")
        }
        let directory = (file as NSString).deletingLastPathComponent
        guard let realDirectory = Self.realPath(directory) else {
            throw RepoError(.io, "cannot write backup file \(file): its directory \(directory) does not exist")
        }
        let inside = realDirectory == realBase || realDirectory.hasPrefix(realBase == "/" ? "/" : realBase + "/")
        guard inside else { throw outside }
        return (realDirectory as NSString).appendingPathComponent(name)
    }

    /// `~` expanded, made absolute against this process's working directory, `.` and `..` removed (no symlinks resolved).
    public static func absolute(_ path: String) -> String {
        var expanded = (path as NSString).expandingTildeInPath
        if !expanded.hasPrefix("/") {
            expanded = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded)
        }
        var parts: [Substring] = []
        for part in expanded.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `realpath(3)`: symlinks resolved; nil when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
