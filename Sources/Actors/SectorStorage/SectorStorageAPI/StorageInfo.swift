/// A storage path as the index knows it (Lotus `storiface.StorageInfo`).
public struct StorageInfo: Codable, Sendable, Equatable {
    public var id: String
    public var urls: [String]
    public var weight: UInt64
    public var maxStorage: UInt64
    public var canSeal: Bool
    public var canStore: Bool
    public var groups: [String]
    public var allowTo: [String]

    public init(
        id: String, urls: [String], weight: UInt64, maxStorage: UInt64, canSeal: Bool, canStore: Bool, groups: [String] = [],
        allowTo: [String] = []
    ) {
        self.id = id
        self.urls = urls
        self.weight = weight
        self.maxStorage = maxStorage
        self.canSeal = canSeal
        self.canStore = canStore
        self.groups = groups
        self.allowTo = allowTo
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID", urls = "URLs", weight = "Weight", maxStorage = "MaxStorage", canSeal = "CanSeal", canStore = "CanStore"
        case groups = "Groups", allowTo = "AllowTo"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        urls = try c.decodeIfPresent([String].self, forKey: .urls) ?? []
        weight = try c.decode(UInt64.self, forKey: .weight)
        maxStorage = try c.decodeIfPresent(UInt64.self, forKey: .maxStorage) ?? 0
        canSeal = try c.decode(Bool.self, forKey: .canSeal)
        canStore = try c.decode(Bool.self, forKey: .canStore)
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        allowTo = try c.decodeIfPresent([String].self, forKey: .allowTo) ?? []
    }

    public init(meta: LocalStorageMeta, urls: [String]) {
        self.init(
            id: meta.id, urls: urls, weight: meta.weight, maxStorage: meta.maxStorage, canSeal: meta.canSeal, canStore: meta.canStore,
            groups: meta.groups ?? [], allowTo: meta.allowTo ?? [])
    }
}
