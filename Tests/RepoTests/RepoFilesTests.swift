import Foundation
import Repo
import Testing

@Suite struct RepoFilesTests {
    @Test func apiEndpointWriteReadRemove() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        #expect(try repo.apiEndpoint() == nil)
        try repo.writeAPIEndpoint("/ip4/127.0.0.1/tcp/2345/http")
        #expect(permissions(repo.apiPath) == 0o644)
        #expect(try String(contentsOfFile: repo.apiPath, encoding: .utf8) == "/ip4/127.0.0.1/tcp/2345/http")
        #expect(try repo.apiEndpoint() == "/ip4/127.0.0.1/tcp/2345/http")
        try repo.writeAPIEndpoint("/ip4/0.0.0.0/tcp/2346/http")
        #expect(try repo.apiEndpoint() == "/ip4/0.0.0.0/tcp/2346/http")
        try repo.removeAPIEndpoint()
        #expect(try repo.apiEndpoint() == nil)
        try repo.removeAPIEndpoint()
        // Lotus-written file with a trailing newline.
        try "/ip4/1.2.3.4/tcp/1/http\n".write(toFile: repo.apiPath, atomically: false, encoding: .utf8)
        #expect(try repo.apiEndpoint() == "/ip4/1.2.3.4/tcp/1/http")
    }

    @Test func tokenIsTrimmed() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try "abc.def.ghi\n".write(toFile: repo.tokenPath, atomically: false, encoding: .utf8)
        #expect(try repo.token() == "abc.def.ghi")
    }

    @Test func storageConfigRoundTrip() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        #expect(try repo.storageConfig() == StorageConfigFile())
        let config = StorageConfigFile(storagePaths: [.init(path: "/srv/sealed"), .init(path: "/mnt/store \"2\"")])
        try repo.setStorageConfig(config)
        let text = try String(contentsOfFile: repo.storageConfigPath, encoding: .utf8)
        #expect(text == """
            {
              "StoragePaths": [
                {
                  "Path": "/srv/sealed"
                },
                {
                  "Path": "/mnt/store \\"2\\""
                }
              ]
            }
            """)
        #expect(try repo.storageConfig() == config)
        try repo.setStorageConfig(StorageConfigFile())
        #expect(try String(contentsOfFile: repo.storageConfigPath, encoding: .utf8) == "{\n  \"StoragePaths\": []\n}")
    }

    @Test func storageConfigFromLotus() throws {
        let temp = try TempDir()
        defer { temp.cleanup() }
        let repo = try makeRepo(temp)
        try #"{"StoragePaths":null}"#.write(toFile: repo.storageConfigPath, atomically: false, encoding: .utf8)
        #expect(try repo.storageConfig().storagePaths.isEmpty)
        try #"{"StoragePaths":[{"Path":"/a"}]}"#.write(toFile: repo.storageConfigPath, atomically: false, encoding: .utf8)
        #expect(try repo.storageConfig().storagePaths == [.init(path: "/a")])
        try "{".write(toFile: repo.storageConfigPath, atomically: false, encoding: .utf8)
        #expect(repoError { _ = try repo.storageConfig() }?.kind == .corrupt)
    }
}
