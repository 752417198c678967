import Foundation
import MeshTestKit
import Testing

/// `lotus-miner storage …` against a running node, as an operator types it.
@Suite("lotus-miner storage processes", .serialized)
struct StorageProcessTests {
    @Test("storage attach --init, storage list, storage find: the path, its sector files and where they are served")
    func attachListFind() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lm-storage-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let node = try await NodeProcess.start(repo: dir + "/miner")
        defer { node.kill() }
        let env = ["LOTUS_MINER_PATH": node.repo]
        let store = dir + "/store"
        try FileManager.default.createDirectory(atPath: store + "/sealed", withIntermediateDirectories: true)
        try Data(count: 2048).write(to: URL(fileURLWithPath: store + "/sealed/s-t01000-4"))

        let attach = try await Tools.run("lotus-miner", ["storage", "attach", "--init", "--seal", "--store", "--weight", "20", store], environment: env)
        #expect(attach.status == 0, "\(attach)")
        let again = try await Tools.run("lotus-miner", ["storage", "attach", "--init", "--store", store], environment: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("path is already initialized"))

        let list = try await Tools.run("lotus-miner", ["storage", "list"], environment: env)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("Unsealed: 0; Sealed: 1; Caches: 0"))
        #expect(list.stdout.contains("Weight: 20; Use: Seal Store"))
        #expect(list.stdout.contains("Local: \(store)"))
        #expect(list.stdout.contains("URL: http://127.0.0.1:\(node.port)/remote"))

        let find = try await Tools.run("lotus-miner", ["storage", "find", "4"], environment: env)
        #expect(find.status == 0, "\(find)")
        #expect(find.stdout.contains("(sealed):"))
        #expect(find.stdout.contains("\tSealed: true"))
        #expect(find.stdout.contains("\tLocal (\(store))"))
        let missing = try await Tools.run("lotus-miner", ["storage", "find", "5"], environment: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("sector 5 (s-t01000-5) is not stored in any path the index knows"))
        await node.terminate()
    }
}
