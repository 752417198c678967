import Crypto
import Foundation

/// Lotus's metadata backup file (`lib/backupds`): CBOR `[ [* [key bytes, value bytes]], sha256 ]` where the
/// entries are an indefinite-length array and the checksum covers its bytes from `0x9f` to `0xff`.
/// Written by `lotus-miner backup` and `lotus-shed market export-datastore`; read by restore and import.
public enum MetadataBackup {
    /// Encodes `entries` (datastore keys with their leading `/`).
    public static func encode(_ entries: [(key: String, value: [UInt8])]) -> [UInt8] {
        var body: [UInt8] = [0x9f]
        for entry in entries {
            body.append(0x82)
            appendBytes(Array(entry.key.utf8), to: &body)
            appendBytes(entry.value, to: &body)
        }
        body.append(0xff)
        var out: [UInt8] = [0x82]
        out += body
        appendBytes(Array(SHA256.hash(data: body)), to: &out)
        return out
    }

    /// Decodes a backup file, verifying its checksum.
    /// - Throws: ``RepoError`` with Lotus's messages for a wrong header or a checksum mismatch.
    public static func decode(_ bytes: [UInt8]) throws -> [(key: String, value: [UInt8])] {
        guard bytes.first == 0x82 else {
            throw RepoError(.corrupt, "expected array(2) header byte 0x82, got \(hex(bytes.first))")
        }
        guard bytes.count > 1, bytes[1] == 0x9f else {
            throw RepoError(.corrupt, "expected indefinite length array header byte 0x9f, got \(hex(bytes.count > 1 ? bytes[1] : nil))")
        }
        var index = 2
        var entries: [(key: String, value: [UInt8])] = []
        while true {
            guard index < bytes.count else { throw RepoError(.corrupt, "backup file is truncated inside the entries") }
            if bytes[index] == 0xff {
                index += 1
                break
            }
            guard bytes[index] == 0x82 else { throw RepoError(.corrupt, "expected an entry array(2) at byte \(index), got \(hex(bytes[index]))") }
            index += 1
            let key = try readBytes(bytes, &index)
            let value = try readBytes(bytes, &index)
            entries.append((String(decoding: key, as: UTF8.self), value))
        }
        let expected = Array(SHA256.hash(data: bytes[1..<index]))
        let stored = try readBytes(bytes, &index)
        guard stored == expected else {
            throw RepoError(.corrupt, "checksum didn't match; expected \(hex(expected)), got \(hex(stored))")
        }
        return entries
    }

    static func appendBytes(_ bytes: [UInt8], to out: inout [UInt8]) {
        let count = UInt64(bytes.count)
        switch count {
        case 0..<24: out.append(0x40 | UInt8(count))
        case 24..<256: out += [0x58, UInt8(count)]
        case 256..<65536: out += [0x59, UInt8(count >> 8), UInt8(count & 0xff)]
        case 65536..<(1 << 32): out += [0x5a] + (0..<4).reversed().map { UInt8(truncatingIfNeeded: count >> (8 * UInt64($0))) }
        default: out += [0x5b] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: count >> (8 * UInt64($0))) }
        }
        out += bytes
    }

    static func readBytes(_ bytes: [UInt8], _ index: inout Int) throws -> [UInt8] {
        guard index < bytes.count, bytes[index] >> 5 == 2 else {
            throw RepoError(.corrupt, "expected a CBOR byte string at byte \(index)")
        }
        let info = bytes[index] & 0x1f
        index += 1
        var length: UInt64
        switch info {
        case 0..<24: length = UInt64(info)
        case 24...27:
            let size = 1 << Int(info - 24)
            guard index + size <= bytes.count else { throw RepoError(.corrupt, "backup file is truncated") }
            length = bytes[index..<(index + size)].reduce(0) { $0 << 8 | UInt64($1) }
            index += size
        default: throw RepoError(.corrupt, "unsupported CBOR length encoding at byte \(index - 1)")
        }
        guard length <= UInt64(bytes.count - index) else { throw RepoError(.corrupt, "backup file is truncated") }
        defer { index += Int(length) }
        return Array(bytes[index..<(index + Int(length))])
    }

    static func hex(_ byte: UInt8?) -> String { byte.map { String(format: "%02x", $0) } ?? "EOF" }
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
