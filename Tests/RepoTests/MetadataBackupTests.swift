import Foundation
import Repo
import Testing

@Suite("Metadata backup file (lib/backupds format)")
struct MetadataBackupTests {
    @Test func roundTripAndExactBytes() throws {
        let entries: [(key: String, value: [UInt8])] = [("/miner-address", [0, 0xe8, 0x07]), ("/deals/provider/x", Array(repeating: 7, count: 300))]
        let bytes = MetadataBackup.encode(entries)
        #expect(Array(bytes.prefix(3)) == [0x82, 0x9f, 0x82])
        #expect(Array(bytes[3..<5]) == [0x4e, UInt8(ascii: "/")], "14-byte key as a short byte string")
        let decoded = try MetadataBackup.decode(bytes)
        #expect(decoded.map(\.key) == entries.map(\.key))
        #expect(decoded.map(\.value) == entries.map(\.value))
        #expect(try MetadataBackup.decode(MetadataBackup.encode([])).isEmpty)
    }

    @Test func corruptionIsReportedWithLotusMessages() throws {
        var bytes = MetadataBackup.encode([("/a", [1, 2, 3])])
        bytes[8] ^= 0xff  // a byte of the value: the structure stays valid, the checksum does not
        #expect(throws: RepoError.self) { try MetadataBackup.decode(bytes) }
        do {
            _ = try MetadataBackup.decode(bytes)
        } catch let error as RepoError {
            #expect(error.message.hasPrefix("checksum didn't match; expected "))
        }
        do {
            _ = try MetadataBackup.decode([0x83])
        } catch let error as RepoError {
            #expect(error.message == "expected array(2) header byte 0x82, got 83")
        }
        #expect(throws: RepoError.self) { try MetadataBackup.decode(Array(MetadataBackup.encode([("/a", [1])]).dropLast(5))) }
    }
}
