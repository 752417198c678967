/// `sectorstore.json` in a storage path (Lotus `LocalStorageMeta`).
public struct LocalStorageMeta: Codable, Sendable, Equatable {
    public var id: String
    public var weight: UInt64
    public var canSeal: Bool
    public var canStore: Bool
    public var maxStorage: UInt64
    public var groups: [String]?
    public var allowTo: [String]?

    public init(id: String, weight: UInt64 = 10, canSeal: Bool, canStore: Bool, maxStorage: UInt64 = 0) {
        self.id = id
        self.weight = weight
        self.canSeal = canSeal
        self.canStore = canStore
        self.maxStorage = maxStorage
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID", weight = "Weight", canSeal = "CanSeal", canStore = "CanStore", maxStorage = "MaxStorage"
        case groups = "Groups", allowTo = "AllowTo"
    }
}
