import ChainTypes
import Multiformats

/// The header of a CARv1: a DAG-CBOR map `{"roots": [CID…], "version": 1}` (keys in DAG-CBOR order).
public struct CARHeader: Hashable, Sendable {
    /// The root CIDs; a client's data CAR has one, the data CID.
    public let roots: [CID]

    /// A version 1 header with these roots.
    public init(roots: [CID]) {
        self.roots = roots
    }

    /// The DAG-CBOR encoding.
    public var encoded: [UInt8] {
        var writer = CBORWriter()
        writer.mapHeader(2)
        writer.textString("roots")
        writer.arrayHeader(roots.count)
        for root in roots { writer.cidLink(binary: root.bytes) }
        writer.textString("version")
        writer.unsigned(1)
        return writer.bytes
    }

    /// Decodes a header.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/malformed`` for anything but a map of `roots` (an array of CID
    ///   links) and `version`, ``CARError/Code/unsupported`` for a version other than 1 (CARv2 included).
    public init(decoding bytes: [UInt8]) throws(CARError) {
        var reader = CBORReader(bytes)
        var roots: [CID]?
        var version: UInt64?
        do {
            let (major, count) = try reader.head()
            guard major == 5 else { throw CARError(.malformed, "CAR header is not a CBOR map (major type \(major))") }
            guard count <= 2 else { throw CARError(.malformed, "CAR header has \(count) keys; expected roots and version") }
            for _ in 0..<count {
                let key = try reader.textString()
                switch key {
                case "roots" where roots == nil:
                    let items = try reader.arrayHeader()
                    var parsed: [CID] = []
                    for _ in 0..<items { parsed.append(try CID(bytes: reader.cidLink())) }
                    roots = parsed
                case "version" where version == nil:
                    version = try reader.unsigned()
                default:
                    throw CARError(.malformed, "CAR header has an unexpected or repeated key \"\(key)\"")
                }
            }
            guard reader.isAtEnd else { throw CARError(.malformed, "CAR header has bytes after its map") }
        } catch let error as CARError {
            throw error
        } catch {
            throw CARError(.malformed, "CAR header: \(error)")
        }
        guard let version else { throw CARError(.malformed, "CAR header has no version") }
        guard version == 1 else {
            throw CARError(.unsupported, "CAR version \(version) is not supported; only CARv1 (version 1)")
        }
        guard let roots else { throw CARError(.malformed, "CARv1 header has no roots") }
        self.roots = roots
    }
}
