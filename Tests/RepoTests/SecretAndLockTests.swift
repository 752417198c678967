import ChildProcesses
import Foundation
import Repo
import RPCAuth
import Testing

@Suite struct JWTSecretTests {
    @Test func secretIsGeneratedOnceWithAdminToken() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        #expect(try repo.token() == nil)

        let secret = try repo.jwtSecret()
        #expect(secret.count == 32)
        let key = try #require(try repo.keystore.get("auth-jwt-private"))
        #expect(key.type == "jwt-hmac-secret")
        #expect(key.privateKey == secret)
        #expect(permissions(repo.keystore.directory + "/MF2XI2BNNJ3XILLQOJUXMYLUMU") == 0o600)

        #expect(permissions(repo.tokenPath) == 0o600)
        let token = try #require(try repo.token())
        #expect(try JWTAuthority(secret: secret).verify(token) == ["read", "write", "sign", "admin"])
        #expect(token == JWTAuthority(secret: secret).token(allow: ["read", "write", "sign", "admin"]))

        // Second call: same secret, token file not rewritten.
        try repo.setAPIToken("sentinel")
        #expect(try repo.jwtSecret() == secret)
        #expect(try repo.token() == "sentinel")
        // A fresh Repo object for the same directory reads the same secret.
        #expect(try Repo(path: repo.path).jwtSecret() == secret)
    }

    @Test func differentReposHaveDifferentSecrets() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let miner = Repo(path: RepoPath(temp.join("miner")))
        let markets = Repo(path: RepoPath(temp.join("markets")))
        try miner.initialize(configText: "")
        try markets.initialize(configText: "")
        let minerSecret = try miner.jwtSecret()
        #expect(try minerSecret != markets.jwtSecret())
        let marketsToken = try #require(try markets.token())
        #expect(throws: AuthError.signatureMismatch) { try JWTAuthority(secret: minerSecret).verify(marketsToken) }
    }
}

@Suite struct RepoLockTests {
    @Test func secondLockInSameProcessConflicts() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let first = try repo.lock()
        #expect(first.isLocked)
        #expect(first.path == repo.lockPath)
        let error = repoError { _ = try repo.lock() }
        #expect(error?.kind == .alreadyLocked)
        #expect(error?.message == "repo is already locked by another process (\(repo.path.path)/repo.lock); "
            + "is lotus-miner already running with this repo?")
        first.unlock()
        #expect(!first.isLocked)
        first.unlock()  // idempotent
        let second = try repo.lock()
        second.unlock()
    }

    @Test func deinitReleasesLock() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        do {
            let held = try repo.lock()
            #expect(held.isLocked)
        }
        let again = try repo.lock()
        #expect(again.isLocked)
    }

    @Test func lockOnMissingRepoExplains() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let error = repoError { _ = try Repo(path: RepoPath(temp.join("nope"))).lock() }
        #expect(error?.kind == .notInitialized)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func childProcessSeesLock() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let held = try repo.lock()
        #expect(try runFlock(repo.lockPath) == 1)  // util-linux flock -n exits 1 when busy
        held.unlock()
        #expect(try runFlock(repo.lockPath) == 0)
    }

    private func runFlock(_ path: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = ["-n", path, "true"]
        try ChildProcess.start(process)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
