/// Where a sector's file can be found (Lotus `storiface.SectorStorageInfo`, the answer of `StorageFindSector`): the
/// path's ID, the URLs that serve it (`http://<RemoteListenAddress>/remote/<type>/<sector>`), and whether that path
/// holds the primary copy.
public struct SectorStorageInfo: Codable, Sendable, Equatable {
    public var id: String
    /// Full URLs of the file (`…/remote/sealed/s-t01000-3`).
    public var urls: [String]
    /// The paths' base URLs (`…/remote`).
    public var baseURLs: [String]
    public var weight: UInt64
    public var canSeal: Bool
    public var canStore: Bool
    public var primary: Bool

    public init(id: String, urls: [String], baseURLs: [String], weight: UInt64, canSeal: Bool, canStore: Bool, primary: Bool) {
        self.id = id
        self.urls = urls
        self.baseURLs = baseURLs
        self.weight = weight
        self.canSeal = canSeal
        self.canStore = canStore
        self.primary = primary
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID", urls = "URLs", baseURLs = "BaseURLs", weight = "Weight", canSeal = "CanSeal", canStore = "CanStore"
        case primary = "Primary"
    }
}
