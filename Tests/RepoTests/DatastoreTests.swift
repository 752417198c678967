import Foundation
import Repo
import Testing

@Suite struct DatastoreTests {
    @Test func putGetHasDelete() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        let ds = try repo.openDatastore()
        #expect(ds.path == repo.datastoreDirectory + "/metadata.sqlite")
        #expect(try ds.get("/miner-address") == nil)
        #expect(try !ds.has("/miner-address"))
        try ds.put("/miner-address", [0x00, 0xE8, 0x07])
        #expect(try ds.get("/miner-address") == [0x00, 0xE8, 0x07])
        #expect(try ds.has("/miner-address"))
        try ds.put("/miner-address", [0x01])
        #expect(try ds.get("/miner-address") == [0x01])
        try ds.put("/empty", [])
        #expect(try ds.get("/empty") == [])
        try ds.delete("/miner-address")
        try ds.delete("/miner-address")
        #expect(try ds.get("/miner-address") == nil)
    }

    @Test func keysMustStartWithSlashAndAreCleaned() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let ds = try makeRepo(temp).openDatastore()
        let error = repoError { try ds.put("miner-address", [1]) }
        #expect(error?.kind == .invalidKey)
        #expect(error?.message.contains("must start with '/'") == true)
        #expect(repoError { _ = try ds.get("") }?.kind == .invalidKey)
        try ds.put("/deals//provider/", [7])
        #expect(try ds.get("/deals/provider") == [7])
    }

    @Test func prefixQueryIsOrderedAndPathScoped() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let ds = try makeRepo(temp).openDatastore()
        try ds.put("/deals/provider/b", [2])
        try ds.put("/deals/provider/a", [1])
        try ds.put("/deals/provider/a/x", [3])
        try ds.put("/deals", [9])
        try ds.put("/dealsx/y", [8])
        try ds.put("/sectors/1", [5])
        let deals = try ds.query(prefix: "/deals")
        #expect(deals.map(\.key) == ["/deals/provider/a", "/deals/provider/a/x", "/deals/provider/b"])
        #expect(deals.map(\.value) == [[1], [3], [2]])
        #expect(try ds.query(prefix: "/deals/provider/").map(\.key).count == 3)
        #expect(try ds.query(prefix: "/").count == 6)
        #expect(try ds.query(prefix: "/nothing").isEmpty)
    }

    @Test func batchIsOneTransaction() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let ds = try makeRepo(temp).openDatastore()
        try ds.batch([("/a/1", [1]), ("/a/2", [2]), ("/a/3", [3])])
        #expect(try ds.query(prefix: "/a").count == 3)
        // A bad key anywhere means nothing is written.
        #expect(repoError { try ds.batch([("/b/1", [1]), ("bad", [2])]) }?.kind == .invalidKey)
        #expect(try ds.query(prefix: "/b").isEmpty)
    }

    @Test func withWriteLockCommitsOrRollsBack() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let ds = try makeRepo(temp).openDatastore()
        try ds.put("/counter", [1])
        let snapshot = try ds.withWriteLock { txn -> Int in
            let current = try txn.get("/counter")?.first ?? 0
            try txn.put("/counter", [current + 1])
            return try txn.query(prefix: "/").count
        }
        #expect(snapshot == 1)
        #expect(try ds.get("/counter") == [2])

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try ds.withWriteLock { txn in
                try txn.put("/counter", [99])
                try txn.put("/other", [1])
                throw Abort()
            }
        }
        #expect(try ds.get("/counter") == [2])
        #expect(try !ds.has("/other"))
    }

    @Test func dataPersistsAcrossReopen() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        do {
            let ds = try repo.openDatastore()
            try ds.batch((0..<100).map { ("/sectors/\(1000 + $0)", Array("state-\($0)".utf8)) })
            try ds.close()
            #expect(throws: RepoError.self) { _ = try ds.get("/sectors/1000") }
        }
        let reopened = try Repo(path: repo.path).openDatastore()
        let all = try reopened.query(prefix: "/sectors")
        #expect(all.count == 100)
        #expect(all.first?.key == "/sectors/1000")
        #expect(all.last?.value == Array("state-99".utf8))
    }

    @Test func concurrentWritersAreSerialized() async throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let ds = try makeRepo(temp).openDatastore()
        try ds.put("/n", [0, 0])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<25 {
                        try ds.withWriteLock { txn in
                            let bytes = try txn.get("/n") ?? [0, 0]
                            let value = (Int(bytes[0]) << 8 | Int(bytes[1])) + 1
                            try txn.put("/n", [UInt8(value >> 8), UInt8(value & 0xFF)])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try ds.get("/n") == [0, 200])
    }
}
