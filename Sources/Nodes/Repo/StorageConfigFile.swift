import Foundation
import RPCAuth

/// `<repo>/storage.json`, Lotus's `StorageConfig`: the local sector storage paths,
/// `{"StoragePaths":[{"Path":"/..."}]}`, written as Go's `json.MarshalIndent(c, "", "  ")` does.
public struct StorageConfigFile: Codable, Sendable, Equatable {
    /// One local storage path (`LocalPath`).
    public struct LocalPath: Codable, Sendable, Equatable {
        /// Absolute directory holding `sectorstore.json` and `sealed/`, `cache/`, ...
        public var path: String

        /// Creates an entry.
        public init(path: String) {
            self.path = path
        }

        private enum CodingKeys: String, CodingKey {
            case path = "Path"
        }
    }

    /// Configured storage paths, in file order.
    public var storagePaths: [LocalPath]

    /// Creates a configuration.
    public init(storagePaths: [LocalPath] = []) {
        self.storagePaths = storagePaths
    }

    private enum CodingKeys: String, CodingKey {
        case storagePaths = "StoragePaths"
    }

    /// Decodes; a missing or `null` `StoragePaths` reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storagePaths = try container.decodeIfPresent([LocalPath].self, forKey: .storagePaths) ?? []
    }

    /// Reads `path`; an absent file is an empty configuration.
    public static func read(from path: String) throws -> StorageConfigFile {
        guard let bytes = try PosixFile.readFile(path) else { return StorageConfigFile() }
        do {
            return try JSONDecoder().decode(StorageConfigFile.self, from: Data(bytes))
        } catch {
            throw RepoError(.corrupt, "cannot parse storage config '\(path)': \(error); expected "
                + #"{"StoragePaths":[{"Path":"/..."}]} — fix or remove the file"#)
        }
    }

    /// Writes the file atomically (mode 0644).
    public func write(to path: String) throws {
        try PosixFile.writeAtomically(Array(jsonText.utf8), to: path, mode: 0o644)
    }

    /// The exact text Go writes (two-space indent, no trailing newline).
    public var jsonText: String {
        if storagePaths.isEmpty {
            return "{\n  \"StoragePaths\": []\n}"
        }
        let entries = storagePaths.map { "    {\n      \"Path\": \(GoJSON.quote($0.path))\n    }" }
        return "{\n  \"StoragePaths\": [\n" + entries.joined(separator: ",\n") + "\n  ]\n}"
    }
}
