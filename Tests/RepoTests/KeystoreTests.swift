import Foundation
import Multiformats
import Repo
import Testing

@Suite struct KeystoreTests {
    @Test func putWritesBase32NamedJSONFile() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let info = KeyInfo(type: "libp2p-host", privateKey: [0x08, 0x01, 0x12, 0x40, 0xFF])
        try repo.keystore.put("libp2p-host", info)
        let file = repo.keystore.directory + "/NRUWE4BSOAWWQ33TOQ"
        #expect(repo.keystore.filePath(for: "libp2p-host") == file)
        #expect(permissions(file) == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == #"{"Type":"libp2p-host","PrivateKey":"CAESQP8="}"#)
        #expect(try repo.keystore.get("libp2p-host") == info)
        #expect(try repo.keystore.get("missing") == nil)
    }

    @Test func listGetDelete() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try repo.keystore.put("wallet-a", KeyInfo(type: "bls", privateKey: [1]))
        try repo.keystore.put("auth-jwt-private", KeyInfo(type: KeyInfo.jwtHMACSecretType, privateKey: [2]))
        #expect(try repo.keystore.list() == ["auth-jwt-private", "wallet-a"])

        let duplicate = repoError { try repo.keystore.put("wallet-a", KeyInfo(type: "bls", privateKey: [3])) }
        #expect(duplicate?.kind == .keyExists)
        #expect(duplicate?.message == "checking key before put 'wallet-a': key already exists")
        #expect(try repo.keystore.get("wallet-a")?.privateKey == [1])

        try repo.keystore.delete("wallet-a")
        #expect(try repo.keystore.list() == ["auth-jwt-private"])
        let missing = repoError { try repo.keystore.delete("wallet-a") }
        #expect(missing?.kind == .keyNotFound)
        #expect(missing?.message == "opening key 'wallet-a': key info not found")
    }

    @Test("replace swaps a key in one rename: the old key until then, the new one after, no temporary file left")
    func replaceIsAtomic() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try repo.keystore.put("default", KeyInfo(type: "ed25519", privateKey: [1]))
        let before = try FileManager.default.contentsOfDirectory(atPath: repo.keystore.directory).sorted()
        try repo.keystore.replace("default", KeyInfo(type: "ed25519", privateKey: [2]))
        #expect(try repo.keystore.get("default")?.privateKey == [2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.keystore.directory).sorted() == before)
        try repo.keystore.replace("new", KeyInfo(type: "ed25519", privateKey: [3]))
        #expect(try repo.keystore.get("new")?.privateKey == [3])
    }

    @Test func trashKeysGetNumberedNames() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try repo.keystore.put("trash-w", KeyInfo(type: "bls", privateKey: [1]))
        try repo.keystore.put("trash-w", KeyInfo(type: "bls", privateKey: [2]))
        #expect(try repo.keystore.list() == ["trash-w", "trash-w-1"])
        #expect(try repo.keystore.get("trash-w-1")?.privateKey == [2])
    }

    @Test func readsLotusWrittenKey() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let file = repo.keystore.directory + "/MF2XI2BNNJ3XILLQOJUXMYLUMU"
        let json = #"{"Type":"jwt-hmac-secret","PrivateKey":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"#
        try json.write(toFile: file, atomically: false, encoding: .utf8)
        try setPermissions(file, 0o600)
        #expect(try repo.keystore.get("auth-jwt-private") == KeyInfo(type: "jwt-hmac-secret", privateKey: Array(0...31)))
    }

    @Test func tooRelaxedKeyFileIsRefused() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try repo.keystore.put("wallet-a", KeyInfo(type: "bls", privateKey: [1]))
        try setPermissions(repo.keystore.filePath(for: "wallet-a"), 0o644)
        let error = repoError { _ = try repo.keystore.get("wallet-a") }
        #expect(error?.kind == .permissions)
        #expect(error?.message == "permissions of key: 'wallet-a' are too relaxed, required: 0600, got: 0644")
        // list reports the file name, as Lotus does.
        let listError = repoError { _ = try repo.keystore.list() }
        #expect(listError?.message == "permissions of key: '\(Base32.uppercase.encode("wallet-a"))' are too relaxed, required: 0600, got: 0644")
    }

    @Test func tooRelaxedKeystoreDirectoryIsRefused() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try setPermissions(repo.keystore.directory, 0o755)
        let error = repoError { _ = try repo.keystore.list() }
        #expect(error?.kind == .permissions)
        #expect(error?.message == "permissions of keystore directory '\(repo.keystore.directory)' are too relaxed, "
            + "required: 0700, got: 0755; fix with: chmod 700 \(repo.keystore.directory)")
        #expect(repoError { _ = try repo.jwtSecret() }?.kind == .permissions)
    }

    @Test func corruptKeyIsReported() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let file = repo.keystore.filePath(for: "bad")
        try "not json".write(toFile: file, atomically: false, encoding: .utf8)
        try setPermissions(file, 0o600)
        #expect(repoError { _ = try repo.keystore.get("bad") }?.kind == .corrupt)
        let stray = repo.keystore.directory + "/not-base32!"
        try "x".write(toFile: stray, atomically: false, encoding: .utf8)
        try setPermissions(stray, 0o600)
        #expect(repoError { _ = try repo.keystore.list() }?.kind == .corrupt)
    }

    @Test func missingKeystoreSaysToInitialize() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = Repo(path: RepoPath(temp.join("never-initialized")))
        let error = repoError { _ = try repo.keystore.get("x") }
        #expect(error?.kind == .notInitialized)
        #expect(error?.message.contains("lotus-miner init") == true)
    }
}
