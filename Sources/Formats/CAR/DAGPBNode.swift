import Multiformats

/// A DAG-PB node (codec 0x70): links to other blocks and optional data bytes, encoded as the protobuf
/// `PBNode { repeated PBLink Links = 2; optional bytes Data = 1; }` with every link before the data, as the
/// DAG-PB spec requires.
///
/// Decoding is strict, so one node has one encoding: only fields 1 and 2 in PBNode and 1-3 in PBLink, in that
/// order, each at most once (Links repeated), the link hash a valid CID.
public struct DAGPBNode: Hashable, Sendable {
    /// A link: the child's CID, an optional name and the cumulative size of the child's DAG.
    public struct Link: Hashable, Sendable {
        /// The child's CID.
        public var cid: CID
        /// The name (go-merkledag writes "" for file chunks).
        public var name: String?
        /// The child's serialised size plus that of everything below it.
        public var totalSize: UInt64?

        /// A link.
        public init(cid: CID, name: String? = nil, totalSize: UInt64? = nil) {
            self.cid = cid
            self.name = name
            self.totalSize = totalSize
        }
    }

    /// Most links a node may have when decoded: far above UnixFS's 1024 (and 174 of Kubo), bounded so a
    /// hostile block cannot make us build millions of entries.
    public static let maxLinks = 1 << 16

    /// The links, in order.
    public var links: [Link]
    /// The data (UnixFS metadata in file nodes).
    public var data: [UInt8]?

    /// A node.
    public init(links: [Link], data: [UInt8]?) {
        self.links = links
        self.data = data
    }

    /// The protobuf encoding: links (field 2) first, then data (field 1).
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        for link in links {
            var message = ProtobufWriter()
            message.writeBytes(link.cid.bytes, field: 1)
            if let name = link.name { message.writeString(name, field: 2) }
            if let size = link.totalSize { message.writeVarint(size, field: 3) }
            out.append(0x12)
            Varint.append(UInt64(message.bytes.count), to: &out)
            out += message.bytes
        }
        if let data {
            out.append(0x0A)
            Varint.append(UInt64(data.count), to: &out)
            out += data
        }
        return out
    }

    /// Decodes a node.
    ///
    /// - Throws: ``CARError`` ``CARError/Code/malformed`` for anything that is not a canonical DAG-PB node.
    public init(decoding bytes: [UInt8]) throws(CARError) {
        var links: [Link] = []
        var data: [UInt8]?
        do {
            var reader = try ProtobufReader(bytes, maxLength: bytes.count)
            while let field = try reader.next() {
                switch (field.number, field.value) {
                case (2, .bytes(let raw)):
                    guard data == nil else { throw CARError(.malformed, "DAG-PB: a link follows the data field") }
                    guard links.count < Self.maxLinks else { throw CARError(.tooLarge, "DAG-PB: more than \(Self.maxLinks) links") }
                    links.append(try Self.decodeLink(raw, index: links.count))
                case (1, .bytes(let raw)):
                    guard data == nil else { throw CARError(.malformed, "DAG-PB: the data field appears twice") }
                    data = raw
                default:
                    throw CARError(.malformed, "DAG-PB: unexpected field \(field.number) (PBNode has only Data = 1 bytes and Links = 2)")
                }
            }
        } catch let error as CARError {
            throw error
        } catch {
            throw CARError(.malformed, "DAG-PB: \(error)")
        }
        self.links = links
        self.data = data
    }

    private static func decodeLink(_ raw: [UInt8], index: Int) throws -> Link {
        var reader = try ProtobufReader(raw, maxLength: raw.count)
        var cid: CID?
        var name: String?
        var size: UInt64?
        var last = 0
        while let field = try reader.next() {
            guard field.number > last else {
                throw CARError(.malformed, "DAG-PB link \(index): field \(field.number) repeated or out of order")
            }
            last = field.number
            switch (field.number, field.value) {
            case (1, .bytes(let hash)): cid = try CID(bytes: hash)
            case (2, .bytes(let text)):
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw CARError(.malformed, "DAG-PB link \(index): name is not UTF-8")
                }
                name = string
            case (3, .varint(let value)): size = value
            default:
                throw CARError(.malformed, "DAG-PB link \(index): unexpected field \(field.number) (PBLink has Hash = 1, Name = 2, Tsize = 3)")
            }
        }
        guard let cid else { throw CARError(.malformed, "DAG-PB link \(index) has no hash") }
        return Link(cid: cid, name: name, totalSize: size)
    }
}
