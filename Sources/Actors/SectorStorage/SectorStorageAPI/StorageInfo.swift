/// A storage path as the index knows it (Lotus `storiface.StorageInfo`).
public struct StorageInfo: Codable, Sendable, Equatable {
    public var id: String
    public var urls: [String]
    public var weight: UInt64
    public var maxStorage: UInt64
    public var canSeal: Bool
    public var canStore: Bool

    enum CodingKeys: String, CodingKey {
        case id = "ID", urls = "URLs", weight = "Weight", maxStorage = "MaxStorage", canSeal = "CanSeal", canStore = "CanStore"
    }

    public init(meta: LocalStorageMeta, urls: [String]) {
        self.id = meta.id
        self.urls = urls
        self.weight = meta.weight
        self.maxStorage = meta.maxStorage
        self.canSeal = meta.canSeal
        self.canStore = meta.canStore
    }
}
