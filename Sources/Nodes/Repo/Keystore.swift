import Foundation
import Multiformats

/// The repo's `keystore/` directory: one file per key, named with unpadded upper-case base32 of the key name,
/// holding ``KeyInfo`` JSON, mode 0600. The directory itself must be 0700.
///
/// Mirrors Lotus's `fsLockedRepo` keystore, including its permission checks and messages.
public struct Keystore: Sendable {
    /// Lotus prefix for keys that are moved aside instead of deleted; `put` never overwrites those,
    /// it appends `-1`, `-2`, ... to the name instead.
    public static let trashPrefix = "trash-"

    /// Absolute path of the keystore directory.
    public let directory: String
    /// The command that creates the repo, named when the keystore is missing.
    public let initCommand: String

    /// A keystore rooted at `directory` (normally `<repo>/keystore`) of a repo created by `initCommand`.
    public init(directory: String, initCommand: String = RepoType.storageMiner.initCommand) {
        self.directory = directory
        self.initCommand = initCommand
    }

    /// File path used for key `name`.
    public func filePath(for name: String) -> String {
        (directory as NSString).appendingPathComponent(Base32.uppercase.encode(name))
    }

    /// Names of all keys, sorted. Fails if any key file is readable by group/others.
    public func list() throws -> [String] {
        try checkDirectory()
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RepoError(.io, "cannot list keystore '\(directory)': \(error.localizedDescription)")
        }
        var names: [String] = []
        for file in files.sorted() where !file.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(file)
            if let status = try PosixFile.status(path), status.mode & 0o077 != 0 {
                throw Self.relaxed(file, status.mode)
            }
            guard let bytes = try? Base32.uppercase.decode(file), let name = String(validating: bytes, as: UTF8.self) else {
                throw RepoError(.corrupt, "decoding key: '\(file)': illegal base32 data; "
                    + "files in '\(directory)' must be named with the base32 of the key name — move '\(file)' elsewhere")
            }
            names.append(name)
        }
        return names.sorted()
    }

    /// The key called `name`, or nil if there is none.
    public func get(_ name: String) throws -> KeyInfo? {
        try checkDirectory()
        let path = filePath(for: name)
        guard let status = try PosixFile.status(path) else { return nil }
        if status.mode & 0o077 != 0 {
            throw Self.relaxed(name, status.mode)
        }
        guard let data = try PosixFile.readFile(path) else { return nil }
        do {
            return try JSONDecoder().decode(KeyInfo.self, from: Data(data))
        } catch {
            throw RepoError(.corrupt, "decoding key '\(name)': \(path) is not valid key JSON ({\"Type\":...,\"PrivateKey\":...}): \(error)")
        }
    }

    /// Stores `info` under `name` (file mode 0600, written atomically). Fails with `.keyExists` if the key is
    /// already present — except `trash-` keys, which get a numbered name instead.
    public func put(_ name: String, _ info: KeyInfo) throws {
        try checkDirectory()
        var attempt = 0
        while true {
            let candidate = attempt == 0 ? name : "\(name)-\(attempt)"
            if try PosixFile.writeAtomically(info.jsonBytes, to: filePath(for: candidate), mode: 0o600, exclusive: true) {
                return
            }
            guard name.hasPrefix(Self.trashPrefix) else {
                throw RepoError(.keyExists, "checking key before put '\(name)': key already exists")
            }
            attempt += 1
        }
    }

    /// Stores `info` under `name` in place of whatever is there (mode 0600): written to a temporary file, synced and
    /// renamed over the old one, so a crash leaves either the old key or the new one, never none.
    public func replace(_ name: String, _ info: KeyInfo) throws {
        try checkDirectory()
        try PosixFile.writeAtomically(info.jsonBytes, to: filePath(for: name), mode: 0o600)
    }

    /// Deletes the key called `name`; fails with `.keyNotFound` if there is none.
    public func delete(_ name: String) throws {
        try checkDirectory()
        if try !PosixFile.remove(filePath(for: name)) {
            throw RepoError(.keyNotFound, "opening key '\(name)': key info not found")
        }
    }

    /// The keystore must exist, be a directory and be closed to group/others (0700).
    private func checkDirectory() throws {
        guard let status = try PosixFile.status(directory) else {
            throw RepoError(.notInitialized, "keystore directory '\(directory)' does not exist; "
                + "initialize the repo first (\(initCommand))")
        }
        guard status.isDirectory else {
            throw RepoError(.corrupt, "keystore '\(directory)' is not a directory")
        }
        if status.mode & 0o077 != 0 {
            throw RepoError(.permissions, "permissions of keystore directory '\(directory)' are too relaxed, "
                + "required: 0700, got: \(PosixFile.octal(status.mode)); fix with: chmod 700 \(directory)")
        }
    }

    private static func relaxed(_ name: String, _ mode: mode_t) -> RepoError {
        RepoError(.permissions, "permissions of key: '\(name)' are too relaxed, required: 0600, got: \(PosixFile.octal(mode))")
    }
}
