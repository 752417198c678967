import RPCAuth
import Repo
import SectorStorage
import SubsystemSupport

extension Datastore: MetadataStore {}

extension JWTAuthority: TokenAuthority {}

/// The repo's `storage.json` as the SectorStorage actor's list of local paths.
public struct RepoStoragePaths: StoragePathList {
    let repo: Repo

    public init(repo: Repo) { self.repo = repo }

    public func load() throws -> [String] {
        try repo.storageConfig().storagePaths.map(\.path)
    }

    public func save(_ paths: [String]) throws {
        try repo.setStorageConfig(StorageConfigFile(storagePaths: paths.map { StorageConfigFile.LocalPath(path: $0) }))
    }
}
