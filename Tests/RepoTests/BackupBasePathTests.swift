import Foundation
import Repo
import Testing

/// Where a running node may write `CreateBackup` files: inside `LOTUS_BACKUP_BASE_PATH`, by whole path components.
@Suite("Backup base path (LOTUS_BACKUP_BASE_PATH)")
struct BackupBasePathTests {
    /// A scratch directory with `base/` and `base2/` in it, removed afterwards.
    static func withScratch(_ body: (String) throws -> Void) throws {
        let root = NSTemporaryDirectory() + "backup-base-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/base/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/base2", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try body(root)
    }

    static func message(_ body: () throws -> String) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as RepoError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("without the variable every online backup is refused, with Lotus's message")
    func unset() {
        #expect(BackupBasePath(environment: [:]).path == nil)
        #expect(BackupBasePath(environment: ["LOTUS_BACKUP_BASE_PATH": ""]).path == nil)
        #expect(Self.message { try BackupBasePath(path: nil).resolve("/tmp/b.cbor") } == "LOTUS_BACKUP_BASE_PATH env var not set")
    }

    @Test("a file inside the base path, also in a subdirectory or through `.`, resolves to its absolute path")
    func inside() throws {
        try Self.withScratch { root in
            let base = BackupBasePath(path: root + "/base")
            let resolved = try ["/base/b.cbor", "/base/./sub/b.cbor", "/base/sub/../b.cbor"].map { try base.resolve(root + $0) }
            #expect(resolved == [root + "/base/b.cbor", root + "/base/sub/b.cbor", root + "/base/b.cbor"])
        }
    }

    @Test("outside: a sibling that shares the prefix, `..`, a symlink out, the base itself — refused with Lotus's message")
    func outside() throws {
        try Self.withScratch { root in
            let base = BackupBasePath(path: root + "/base")
            try FileManager.default.createSymbolicLink(atPath: root + "/base/out", withDestinationPath: root + "/base2")
            for path in [root + "/base2/b.cbor", root + "/base/../base2/b.cbor", root + "/base/out/b.cbor", root + "/base", root + "/base/.."] {
                let message = Self.message { try base.resolve(path) }
                #expect(message?.hasPrefix("backup file name (") == true, "\(path): \(message ?? "accepted")")
                #expect(message?.hasSuffix("must be inside base path (\(root)/base)") == true, "\(path): \(message ?? "accepted")")
            }
        }
    }

    @Test("a missing directory under the base is named, not created")
    func missingDirectory() throws {
        try Self.withScratch { root in
            let message = Self.message { try BackupBasePath(path: root + "/base").resolve(root + "/base/none/b.cbor") }
            #expect(message == "cannot write backup file \(root)/base/none/b.cbor: its directory \(root)/base/none does not exist")
            #expect(!FileManager.default.fileExists(atPath: root + "/base/none"))
        }
    }

    @Test("a backup file is replaced whole, and read back with its checksum verified")
    func fileRoundTrip() throws {
        try Self.withScratch { root in
            let path = root + "/base/b.cbor"
            try MetadataBackup.write([("/miner-address", Array("t01000".utf8))], to: path)
            try MetadataBackup.write([("/miner-address", Array("t01001".utf8)), ("/sectors/1", [1])], to: path)
            let read = try MetadataBackup.read(from: path)
            #expect(read.map(\.key) == ["/miner-address", "/sectors/1"])
            #expect(read.first?.value == Array("t01001".utf8))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/base").filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes[bytes.count - 40] ^= 1
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(Self.message { try MetadataBackup.read(from: path).description }?.contains("checksum didn't match") == true)
            #expect(Self.message { try MetadataBackup.read(from: root + "/none.cbor").description } == "backup file \(root)/none.cbor does not exist")
        }
    }
}
