import Foundation
import InteropSupport
import Repo
import Testing

/// The backup format against Tests/Interop/backup_reference.py, an independent Python reader and writer written from
/// Lotus's description of `lib/backupds` (its checksum with hashlib): each side reads what the other writes.
@Suite("Metadata backup file against a Python reference")
struct MetadataBackupReferenceTests {
    /// Entries with every byte-string length class: short, 1-, 2- and 4-byte lengths, and an empty value.
    static let entries: [(key: String, value: [UInt8])] = [
        ("/miner-address", Array("t01000".utf8)), ("/deals/provider/" + String(repeating: "b", count: 40), InteropFiles.bytes(200, seed: 1)),
        ("/sectors/1", InteropFiles.bytes(70_000, seed: 2)), ("/storagemarket/empty", []), ("/x", InteropFiles.bytes(300, seed: 3)),
    ]

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("Python reads and checks what we write; we read and check what Python writes; a flipped byte fails both")
    func bothWays() async throws {
        let scratch = try ScratchDirectory(prefix: "backup-ref")
        let ours = scratch.url.appendingPathComponent("ours.cbor").path
        try MetadataBackup.write(Self.entries, to: ours)
        guard let read = try await InteropFiles.run("backup_reference.py", module: "hashlib", arguments: ["read", ours]) else {
            Issue.record("no python3 found: \(InteropPython.setupHint)")
            return
        }
        #expect(read.status == 0, "\(read.errors)")
        #expect(read.lines == Self.entries.map { "\(Self.hex(Array($0.key.utf8))) \(Self.hex($0.value))" })

        let theirs = scratch.url.appendingPathComponent("theirs.cbor").path
        let pairs = scratch.url.appendingPathComponent("pairs.txt").path
        try Self.entries.map { "\(Self.hex(Array($0.key.utf8)))=\(Self.hex($0.value))\n" }.joined().write(toFile: pairs, atomically: true, encoding: .utf8)
        let wrote = try #require(try await InteropFiles.run("backup_reference.py", module: "hashlib", arguments: ["write", theirs, pairs]))
        #expect(wrote.status == 0, "\(wrote.errors)")
        let decoded = try MetadataBackup.read(from: theirs)
        #expect(decoded.map(\.key) == Self.entries.map(\.key) && decoded.map(\.value) == Self.entries.map(\.value))
        #expect(try Data(contentsOf: URL(fileURLWithPath: theirs)) == Data(contentsOf: URL(fileURLWithPath: ours)), "byte-identical")

        var bytes = try Data(contentsOf: URL(fileURLWithPath: ours))
        bytes[20] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: ours))
        let corrupt = try #require(try await InteropFiles.run("backup_reference.py", module: "hashlib", arguments: ["read", ours]))
        #expect(corrupt.status == 1 && corrupt.errors.contains("checksum mismatch"))
        #expect(throws: RepoError.self) { try MetadataBackup.read(from: ours) }
    }
}
