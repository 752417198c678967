/// Where the repo's `storage.json` lists local storage paths; implemented by the node's repo.
public protocol StoragePathList: Sendable {
    func load() throws -> [String]
    func save(_ paths: [String]) throws
}
