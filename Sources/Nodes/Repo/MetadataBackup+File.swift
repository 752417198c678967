extension MetadataBackup {
    /// Writes a backup of `entries` to `path` (mode 0644): a temporary file next to it, flushed, then renamed over
    /// `path`, so a crash leaves the previous file or the whole new one, never half of it (Lotus writes in place).
    /// - Throws: ``RepoError`` naming the file and the system error.
    public static func write(_ entries: [(key: String, value: [UInt8])], to path: String) throws {
        try PosixFile.writeAtomically(encode(entries), to: path, mode: 0o644)
    }

    /// Reads and decodes the backup file at `path`, verifying its checksum.
    /// - Throws: ``RepoError``: `notInitialized` when there is no such file, `corrupt` for a bad file (Lotus's
    ///   messages), `io` when it cannot be read.
    public static func read(from path: String) throws -> [(key: String, value: [UInt8])] {
        guard let bytes = try PosixFile.readFile(path) else {
            throw RepoError(.notInitialized, "backup file \(path) does not exist")
        }
        do {
            return try decode(bytes)
        } catch let error as RepoError {
            throw RepoError(error.kind, "backup file \(path): \(error.message)")
        }
    }
}
