import CAR
import Foundation
import InteropSupport
import Multiformats
import Testing

/// The file's DAG written as a CAR in memory by our importer.
func importToMemory(_ path: String, importer: UnixFSImporter = UnixFSImporter()) throws -> (root: CID, car: [UInt8]) {
    var car: [UInt8] = []
    var writer = CARWriter { (bytes: ArraySlice<UInt8>) throws(CARError) in car += bytes }
    let dag = try importer.importFile(at: path, to: &writer)
    return (dag.root, car)
}

/// Every block of a CAR in memory, verified, and the header.
func readAll(_ car: [UInt8]) throws -> (header: CARHeader, blocks: [CARBlock]) {
    var reader = try CARReader(MemorySource(car))
    var blocks: [CARBlock] = []
    while let block = try reader.next() { blocks.append(block) }
    return (reader.header, blocks)
}

/// The file under `root` reassembled from `blocks`.
func exportFile(root: CID, blocks: [CARBlock], limit: UInt64 = .max) throws -> [UInt8] {
    var store: [CID: [UInt8]] = [:]
    for block in blocks { store[block.cid] = block.data }
    let frozen = store
    return try UnixFSExporter(limit: limit) { (cid: CID) throws(CARError) in frozen[cid] }.exportBytes(root: root)
}

/// Runs Tests/Interop/car_peer.py with the Python that has ipld_car; returns its stdout lines.
func runCARPeer(_ arguments: [String]) async throws -> [String] {
    guard let outcome = try await InteropFiles.run("car_peer.py", module: "ipld_car", arguments: arguments) else {
        Issue.record("no Python with ipld_car found: run scripts/install-test-deps (it installs ipld-car==0.0.1)")
        return []
    }
    #expect(outcome.status == 0, "car_peer.py \(arguments.first ?? "") failed: \(outcome.errors)")
    return outcome.lines
}
