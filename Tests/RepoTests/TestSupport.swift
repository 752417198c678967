import Foundation
import Repo

/// A fresh directory under the system temp dir, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("repo-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func join(_ component: String) -> String {
        (path as NSString).appendingPathComponent(component)
    }

    func cleanup() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Permission bits of `path` (e.g. 0o600), or nil if missing.
func permissions(_ path: String) -> Int? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          let number = attributes[.posixPermissions] as? NSNumber
    else { return nil }
    return number.intValue & 0o7777
}

func setPermissions(_ path: String, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: path)
}

/// An initialized repo inside a temp dir (repo at `<tmp>/repo`, so the parent exists).
func makeRepo(_ temp: TempDir, config: String = "# config\n") throws -> Repo {
    let repo = Repo(path: RepoPath(temp.join("repo")))
    try repo.initialize(configText: config)
    return repo
}

/// The `RepoError` thrown by `body`, or nil if it did not throw one.
func repoError(_ body: () throws -> Void) -> RepoError? {
    do {
        try body()
        return nil
    } catch let error as RepoError {
        return error
    } catch {
        return nil
    }
}
