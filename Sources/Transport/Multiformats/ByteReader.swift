/// A cursor over bytes being parsed: reads varints and fixed-length runs, and turns running out of input
/// into ``MultiformatsError/Kind/truncated`` errors that name what was being read.
struct ByteReader {
    /// The whole input.
    let bytes: [UInt8]
    /// Index of the next unread byte.
    private(set) var offset: Int

    init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
        offset = 0
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// Number of unread bytes.
    var remaining: Int { bytes.count - offset }

    /// Reads a multiformats varint (at most 9 bytes, minimal); `what` names it in errors.
    mutating func varint(_ what: String) throws(MultiformatsError) -> UInt64 {
        do {
            let (value, length) = try Varint.decode(bytes[offset...])
            offset += length
            return value
        } catch {
            throw MultiformatsError(error.kind, "\(what): \(error.message)")
        }
    }

    /// Reads a varint length and checks that that many bytes follow; `what` names the value in errors.
    mutating func length(_ what: String) throws(MultiformatsError) -> Int {
        let value = try varint("\(what) length")
        guard value <= UInt64(remaining) else {
            throw MultiformatsError(
                .truncated, "\(what): length \(value) but only \(remaining) byte(s) follow")
        }
        return Int(value)
    }

    /// Reads the next `count` bytes; `what` names them in errors.
    mutating func take(_ count: Int, _ what: String) throws(MultiformatsError) -> [UInt8] {
        guard count <= remaining else {
            throw MultiformatsError(.truncated, "\(what): needs \(count) byte(s) but only \(remaining) remain")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads every unread byte.
    mutating func takeRest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    /// Throws unless every byte has been read; `what` names the value that should have ended.
    func expectEnd(_ what: String) throws(MultiformatsError) {
        guard isAtEnd else {
            throw MultiformatsError(.invalidValue, "\(what): \(remaining) unexpected byte(s) after the end")
        }
    }
}
