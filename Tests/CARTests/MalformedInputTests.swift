import CAR
import InteropSupport
import Multiformats
import Testing

/// Truncated, malformed and lying CAR, DAG-PB and UnixFS input is refused with a CARError; nothing traps.
@Suite struct MalformedInputTests {
    /// A small CAR over a three-level DAG (chunk 100, 3 links).
    static func sample() throws -> (root: CID, car: [UInt8], content: [UInt8]) {
        let directory = try ScratchDirectory(prefix: "car-tests")
        let content = InteropFiles.bytes(1234, seed: 99)
        let file = try directory.write(content, to: "file")
        let (root, car) = try importToMemory(file, importer: UnixFSImporter(chunkSize: 100, maxLinks: 3))
        return (root, car, content)
    }

    static func code(_ body: () throws -> Void) -> CARError.Code? {
        do {
            try body()
            return nil
        } catch let error as CARError {
            return error.code
        } catch {
            return CARError.Code(rawValue: "foreign: \(error)")
        }
    }

    @Test func everyTruncationIsRefusedOrEndsAtASection() throws {
        let (root, car, content) = try Self.sample()
        // Section boundaries: where a CAR may legitimately end.
        var boundaries: Set<Int> = []
        var reader = try CARReader(MemorySource(car))
        boundaries.insert(Int(reader.offset))
        while try reader.next() != nil { boundaries.insert(Int(reader.offset)) }
        #expect(boundaries.contains(car.count))
        for cut in 0..<car.count {
            let prefix = Array(car[0..<cut])
            let outcome = Self.code {
                let (_, blocks) = try readAll(prefix)
                _ = try exportFile(root: root, blocks: blocks)
            }
            if boundaries.contains(cut) {
                // A shorter but well-formed CAR: the DAG is incomplete.
                #expect(outcome == .missingBlock, "cut at \(cut)")
            } else {
                #expect(outcome == .truncated, "cut at \(cut)")
            }
        }
        #expect(try exportFile(root: root, blocks: readAll(car).blocks) == content)
    }

    @Test func aBlockThatLiesAboutItsCIDIsRefused() throws {
        var (_, car, _) = try Self.sample()
        car[car.count - 1] ^= 0x01
        #expect(Self.code { _ = try readAll(car) } == .hashMismatch)
        // A CID whose hash function cannot be checked.
        let cid = CID(codec: .raw, multihash: try Multihash(code: .init(rawValue: 0x13), digest: [UInt8](repeating: 1, count: 64)))
        let odd = CARWriter.encode(roots: [cid], blocks: [(cid, [1, 2, 3])])
        #expect(Self.code { _ = try readAll(odd) } == .unsupported)
    }

    @Test func badHeadersAreRefused() throws {
        let root = CID(codec: .raw, multihash: .sha2_256(of: [UInt8]()))
        let good = CARHeader(roots: [root]).encoded
        func car(_ header: [UInt8]) -> [UInt8] { Varint.encode(UInt64(header.count)) + header }
        #expect(Self.code { _ = try readAll([]) } == .truncated)
        #expect(Self.code { _ = try readAll([0x00]) } == .malformed)
        #expect(Self.code { _ = try readAll([0x80, 0x00]) } == .malformed)  // non-minimal varint
        #expect(Self.code { _ = try readAll([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) } == .malformed)
        #expect(Self.code { _ = try readAll(Varint.encode(1 << 30)) } == .tooLarge)
        #expect(Self.code { _ = try readAll(car([0x01])) } == .malformed)  // not a map
        // version 2 (a CARv2 pragma), a missing version, an unknown key.
        let version2 = Array(good.dropLast()) + [0x02]
        #expect(Self.code { _ = try readAll(car(version2)) } == .unsupported)
        var rootsOnly = good
        rootsOnly[0] = 0xA1
        rootsOnly.removeLast(9)
        #expect(Self.code { _ = try readAll(car(rootsOnly)) } == .malformed)
        var extra = good
        extra[0] = 0xA3
        extra += [0x61, 0x78, 0x01]
        #expect(Self.code { _ = try readAll(car(extra)) } == .malformed)
        #expect(try readAll(car(good)).header.roots == [root])
    }

    @Test func badSectionsAreRefused() throws {
        let header = CARWriter.encode(roots: [], blocks: [])
        #expect(Self.code { _ = try readAll(header + [0x00]) } == .malformed)  // zero-length section
        #expect(Self.code { _ = try readAll(header + [0x05, 0x02, 0x55, 0x12, 0x20, 0x00]) } == .malformed)  // CID version 2
        #expect(Self.code { _ = try readAll(header + [0x04, 0x01, 0x55, 0x12, 0x20]) } == .malformed)  // digest cut short
        #expect(Self.code { _ = try readAll(header + Varint.encode(64 << 20)) } == .tooLarge)
    }

    @Test func badDAGPBAndUnixFSAreRefused() throws {
        let leaf = [UInt8]("hello".utf8)
        let leafCID = CID(codec: .raw, multihash: .sha2_256(of: leaf))
        func exported(_ nodeBytes: [UInt8], extra: [(CID, [UInt8])] = [(leafCID, leaf)]) -> CARError.Code? {
            let cid = CID(codec: .dagPB, multihash: .sha2_256(of: nodeBytes))
            let car = CARWriter.encode(roots: [cid], blocks: [(cid, nodeBytes)] + extra)
            return Self.code { _ = try exportFile(root: cid, blocks: readAll(car).blocks) }
        }
        let link = DAGPBNode.Link(cid: leafCID, name: "", totalSize: 5)
        let file = UnixFSData(kind: .file, fileSize: 5, blockSizes: [5]).encoded
        #expect(exported(DAGPBNode(links: [link], data: file).encoded) == nil)
        // Wrong block size, wrong file size, a directory, no data, missing child.
        #expect(exported(DAGPBNode(links: [link], data: UnixFSData(kind: .file, fileSize: 5, blockSizes: [4]).encoded).encoded) == .malformed)
        #expect(exported(DAGPBNode(links: [link], data: UnixFSData(kind: .file, fileSize: 6, blockSizes: [5]).encoded).encoded) == .malformed)
        #expect(exported(DAGPBNode(links: [link], data: UnixFSData(kind: .directory, fileSize: nil, blockSizes: []).encoded).encoded) == .unsupported)
        #expect(exported(DAGPBNode(links: [link], data: nil).encoded) == .malformed)
        #expect(exported(DAGPBNode(links: [link], data: UnixFSData(kind: .file, fileSize: 5, blockSizes: []).encoded).encoded) == .malformed)
        #expect(exported(DAGPBNode(links: [link], data: file).encoded, extra: []) == .missingBlock)
        // Data before a link, an unknown field, a link without a hash, a truncated field, a bad UnixFS protobuf.
        let good = DAGPBNode(links: [link], data: file).encoded
        let linkField = Array(good[0..<(good.count - file.count - 2)])
        #expect(exported([0x0A, UInt8(file.count)] + file + linkField) == .malformed)
        #expect(exported(good + [0x18, 0x01]) == .malformed)
        #expect(exported([0x12, 0x02, 0x18, 0x05, 0x0A, UInt8(file.count)] + file) == .malformed)
        #expect(exported(Array(good.dropLast())) == .malformed)
        #expect(exported(DAGPBNode(links: [], data: [0x08]).encoded) == .malformed)
    }

    @Test func repeatedSubtreesCannotBlowUpTheOutput() throws {
        // 1000 links to one 1 MiB-claiming node would reassemble to a GiB; the caller's limit stops it.
        let leaf = [UInt8](repeating: 7, count: 1000)
        let leafCID = CID(codec: .raw, multihash: .sha2_256(of: leaf))
        let links = [DAGPBNode.Link](repeating: .init(cid: leafCID, name: "", totalSize: 1000), count: 1000)
        let node = DAGPBNode(links: links, data: UnixFSData(kind: .file, fileSize: 1_000_000, blockSizes: [UInt64](repeating: 1000, count: 1000)).encoded).encoded
        let cid = CID(codec: .dagPB, multihash: .sha2_256(of: node))
        let blocks = try readAll(CARWriter.encode(roots: [cid], blocks: [(cid, node), (leafCID, leaf)])).blocks
        #expect(Self.code { _ = try exportFile(root: cid, blocks: blocks, limit: 100_000) } == .tooLarge)
        #expect(try exportFile(root: cid, blocks: blocks).count == 1_000_000)
    }

    @Test func linksToEmptyNodesCannotKeepTheExporterWalking() throws {
        // Each level links the level below 1000 times; the empty leaf makes every node hold zero bytes, so
        // only the visit bound (here 50 000) stops a walk of 1000^3 blocks.
        let leaf: [UInt8] = []
        var child = CID(codec: .raw, multihash: .sha2_256(of: leaf))
        var blocks: [(CID, [UInt8])] = [(child, leaf)]
        for _ in 0..<3 {
            let links = [DAGPBNode.Link](repeating: .init(cid: child, name: "", totalSize: 0), count: 1000)
            let meta = UnixFSData(kind: .file, fileSize: 0, blockSizes: [UInt64](repeating: 0, count: 1000)).encoded
            let node = DAGPBNode(links: links, data: meta).encoded
            child = CID(codec: .dagPB, multihash: .sha2_256(of: node))
            blocks.append((child, node))
        }
        let read = try readAll(CARWriter.encode(roots: [child], blocks: blocks)).blocks
        var store: [CID: [UInt8]] = [:]
        for block in read { store[block.cid] = block.data }
        let frozen = store
        let exporter = UnixFSExporter(maxVisits: 50_000) { (cid: CID) throws(CARError) in frozen[cid] }
        #expect(Self.code { _ = try exporter.exportBytes(root: child) } == .tooLarge)
    }

    @Test func randomCorruptionNeverTraps() throws {
        let (root, car, content) = try Self.sample()
        var state: UInt64 = 12345
        for _ in 0..<2000 {
            var mutated = car
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let position = Int(state >> 33) % mutated.count
            mutated[position] = UInt8(truncatingIfNeeded: state >> 17)
            let outcome = Self.code {
                let (header, blocks) = try readAll(mutated)
                _ = try exportFile(root: header.roots.first ?? root, blocks: blocks)
            }
            if outcome == nil {
                #expect(try exportFile(root: root, blocks: readAll(mutated).blocks) == content)
            } else {
                #expect(outcome?.rawValue.hasPrefix("foreign") == false, "\(String(describing: outcome))")
            }
        }
    }
}
