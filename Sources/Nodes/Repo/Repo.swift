import Foundation
import Logging
import RPCAuth

/// A node repository directory (`~/.lotus`, `~/.lotusminer`, `~/.lotusmarkets`), Lotus's `FsRepo`:
///
/// ```
/// config.toml   node configuration (mode 0644)
/// keystore/     keys, 0700 (see Keystore)
/// datastore/    metadata.sqlite (see Datastore)
/// token         admin JWT, 0600
/// api           multiaddr of the running API, 0644
/// repo.lock     flock held by the running node
/// storage.json  local sector storage paths (miner)
/// ```
///
/// The chain daemon's repo has the same files (no `storage.json`); its chain lives in `datastore/chain.sqlite`.
public final class Repo: Sendable {
    /// Keystore name of the API HMAC secret.
    public static let jwtSecretKeyName = "auth-jwt-private"
    /// Permissions of the token written next to a freshly generated secret (Lotus's `api.AllPermissions`).
    public static let adminPermissions = ["read", "write", "sign", "admin"]

    static let logger = Logger(label: "lotus.repo")

    /// Location of the repo.
    public let path: RepoPath
    /// Which node the repo belongs to (names the commands in messages).
    public let type: RepoType
    /// The repo's `keystore/`.
    public let keystore: Keystore

    /// A repo of `type` at `path` (nothing is touched on disk).
    public init(path: RepoPath, type: RepoType = .storageMiner) {
        self.path = path
        self.type = type
        self.keystore = Keystore(directory: path.appending("keystore"), initCommand: type.initCommand)
    }

    /// A repo at `rawPath`, with `~` expanded.
    public convenience init(_ rawPath: String, type: RepoType = .storageMiner) {
        self.init(path: RepoPath(rawPath), type: type)
    }

    /// `<repo>/config.toml`.
    public var configPath: String { path.appending("config.toml") }
    /// `<repo>/datastore`.
    public var datastoreDirectory: String { path.appending("datastore") }
    /// `<repo>/token`.
    public var tokenPath: String { path.appending("token") }
    /// `<repo>/api`.
    public var apiPath: String { path.appending("api") }
    /// `<repo>/repo.lock`.
    public var lockPath: String { path.appending("repo.lock") }
    /// `<repo>/storage.json`.
    public var storageConfigPath: String { path.appending("storage.json") }

    /// Lotus's rule: a repo exists once `datastore/` or `keystore/` exists.
    public var exists: Bool {
        PosixFile.exists(datastoreDirectory) || PosixFile.exists(keystore.directory)
    }

    /// Creates the repo: the directory (0755, with parents), `config.toml` containing `configText` (0644, only
    /// if no config file is there yet), `keystore/` (0700) and `datastore/` (0755).
    /// Throws `.alreadyInitialized` if ``exists``.
    public func initialize(configText: String) throws {
        if exists {
            throw RepoError(.alreadyInitialized, "repo at '\(path)' is already initialized")
        }
        Self.logger.info("Initializing repo at '\(path)'")
        try PosixFile.makeDirectory(path.path, mode: 0o755, intermediate: true)
        try PosixFile.writeAtomically(Array(configText.utf8), to: configPath, mode: 0o644, exclusive: true)
        try PosixFile.makeDirectory(keystore.directory, mode: 0o700)
        try PosixFile.makeDirectory(datastoreDirectory, mode: 0o755)
    }

    /// Text of `config.toml`, or nil if there is none.
    public func configText() throws -> String? {
        try PosixFile.readFile(configPath).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The API HMAC secret (keystore key `auth-jwt-private`). On first use 32 random bytes are generated,
    /// stored with type `jwt-hmac-secret`, and an admin token (``adminPermissions``) is written to `token`.
    public func jwtSecret() throws -> [UInt8] {
        if let key = try keystore.get(Self.jwtSecretKeyName) {
            return try Self.checkedSecret(key, file: keystore.filePath(for: Self.jwtSecretKeyName))
        }
        Self.logger.warning("Generating new API secret")
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        do {
            try keystore.put(Self.jwtSecretKeyName, KeyInfo(type: KeyInfo.jwtHMACSecretType, privateKey: secret))
        } catch let error as RepoError where error.kind == .keyExists {
            // Another process generated it concurrently; use theirs (they write the token).
            guard let key = try keystore.get(Self.jwtSecretKeyName) else { throw error }
            return try Self.checkedSecret(key, file: keystore.filePath(for: Self.jwtSecretKeyName))
        }
        try setAPIToken(JWTAuthority(secret: secret).token(allow: Self.adminPermissions))
        return secret
    }

    /// Contents of the `token` file (whitespace trimmed), or nil if it does not exist.
    public func token() throws -> String? {
        guard let bytes = try PosixFile.readFile(tokenPath) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Replaces the `token` file (mode 0600, atomic), Lotus's `SetAPIToken`.
    public func setAPIToken(_ token: String) throws {
        try PosixFile.writeAtomically(Array(token.utf8), to: tokenPath, mode: 0o600)
    }

    /// Takes the exclusive repo lock (`repo.lock`) without waiting; throws `.alreadyLocked` if it is held
    /// by another process or by another ``RepoLock`` in this process.
    public func lock() throws -> RepoLock {
        try RepoLock(path: lockPath, repoPath: path.path, type: type)
    }

    /// Opens the metadata datastore `<repo>/datastore/metadata.sqlite`, creating `datastore/` if needed.
    public func openDatastore() throws -> Datastore {
        try PosixFile.makeDirectory(datastoreDirectory, mode: 0o755)
        return try Datastore(path: (datastoreDirectory as NSString).appendingPathComponent(Datastore.fileName))
    }

    /// Contents of `storage.json`; an absent file is an empty list.
    public func storageConfig() throws -> StorageConfigFile {
        try StorageConfigFile.read(from: storageConfigPath)
    }

    /// Replaces `storage.json` (atomic write).
    public func setStorageConfig(_ config: StorageConfigFile) throws {
        try config.write(to: storageConfigPath)
    }

    private static func checkedSecret(_ key: KeyInfo, file: String) throws -> [UInt8] {
        guard !key.privateKey.isEmpty else {
            throw RepoError(.corrupt, "keystore key '\(jwtSecretKeyName)' (\(file)) has an empty secret; "
                + "remove the file to generate a new API secret (existing API tokens will stop working)")
        }
        return key.privateKey
    }
}
