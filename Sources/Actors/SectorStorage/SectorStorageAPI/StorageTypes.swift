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

/// Capacity of a storage path (Lotus `fsutil.FsStat`), in bytes.
public struct FsStat: Codable, Sendable, Equatable {
    public var capacity: Int64
    public var available: Int64
    public var fsAvailable: Int64
    public var reserved: Int64
    public var max: Int64
    public var used: Int64

    enum CodingKeys: String, CodingKey {
        case capacity = "Capacity", available = "Available", fsAvailable = "FSAvailable", reserved = "Reserved"
        case max = "Max", used = "Used"
    }

    public init(capacity: Int64, available: Int64, used: Int64) {
        self.capacity = capacity
        self.available = available
        self.fsAvailable = available
        self.reserved = 0
        self.max = 0
        self.used = used
    }
}

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
