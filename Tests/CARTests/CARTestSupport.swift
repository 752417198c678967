import CAR
import Foundation
import InteropSupport
import Multiformats
import Testing

/// A directory under the system temporary directory, removed when released.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("car-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Deterministic bytes (xorshift), so failures reproduce.
func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

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
    guard let python = await InteropPython.interpreter(with: "ipld_car") else {
        Issue.record("no Python with ipld_car found: run scripts/install-test-deps (it installs ipld-car==0.0.1)")
        return []
    }
    let result = try await InteropPython.onThread { () -> (Int32, String, String) in
        let process = Process()
        let out = Pipe()
        let err = Pipe()
        InteropPython.prepare(process, python: python, script: "car_peer.py", arguments: arguments, input: Pipe(), output: out, errors: err)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
    #expect(result.0 == 0, "car_peer.py \(arguments.first ?? "") failed: \(result.2)")
    return result.1.split(separator: "\n").map(String.init)
}
