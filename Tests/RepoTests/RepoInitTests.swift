import Foundation
import Repo
import Testing

@Suite struct RepoInitTests {
    @Test func initializeCreatesLayoutWithModes() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = Repo(path: RepoPath(temp.join("nested/dir/repo")))
        #expect(!repo.exists)
        try repo.initialize(configText: "[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/2345/http\"\n")
        #expect(repo.exists)
        #expect(permissions(repo.path.path) == 0o755)
        #expect(permissions(repo.configPath) == 0o644)
        #expect(permissions(repo.keystore.directory) == 0o700)
        #expect(permissions(repo.datastoreDirectory) == 0o755)
        #expect(try repo.configText() == "[API]\n  ListenAddress = \"/ip4/127.0.0.1/tcp/2345/http\"\n")
        // No token/api until the node runs; no temp files left behind.
        #expect(try repo.token() == nil)
        #expect(try repo.apiEndpoint() == nil)
        let entries = try FileManager.default.contentsOfDirectory(atPath: repo.path.path).sorted()
        #expect(entries == ["config.toml", "datastore", "keystore"])
    }

    @Test func initializeTwiceFails() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let error = repoError { try repo.initialize(configText: "x") }
        #expect(error?.kind == .alreadyInitialized)
        #expect(error?.message == "repo at '\(repo.path.path)' is already initialized")
    }

    @Test func existingConfigIsKept() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let path = temp.join("repo")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "# operator's config\n".write(toFile: (path as NSString).appendingPathComponent("config.toml"),
                                          atomically: true, encoding: .utf8)
        let repo = Repo(path: RepoPath(path))
        #expect(!repo.exists)  // config.toml alone does not make a repo
        try repo.initialize(configText: "# default\n")
        #expect(try repo.configText() == "# operator's config\n")
    }

    @Test func existsFollowsLotusRule() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let withDatastore = Repo(path: RepoPath(temp.join("a")))
        try FileManager.default.createDirectory(atPath: withDatastore.datastoreDirectory, withIntermediateDirectories: true)
        #expect(withDatastore.exists)
        let withKeystore = Repo(path: RepoPath(temp.join("b")))
        try FileManager.default.createDirectory(atPath: withKeystore.keystore.directory, withIntermediateDirectories: true)
        #expect(withKeystore.exists)
        #expect(!Repo(path: RepoPath(temp.join("c"))).exists)
    }

    @Test func pathExpansion() {
        let env = ["HOME": "/home/sp"]
        #expect(RepoPath("~/.lotusminer", environment: env).path == "/home/sp/.lotusminer")
        #expect(RepoPath("~", environment: env).path == "/home/sp")
        #expect(RepoPath("/srv/x/../markets/", environment: env).path == "/srv/markets")
        #expect(RepoPath("/srv/m", environment: env).appending("keystore") == "/srv/m/keystore")
        let relative = RepoPath("rel/repo", environment: env).path
        #expect(relative == FileManager.default.currentDirectoryPath + "/rel/repo")
    }
}
