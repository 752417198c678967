/// Which files of a sector (Lotus `storiface.SectorFileType`, a bit set): the unsealed copy, the sealed replica, the
/// cache (tree data and proofs' aux files), and the SnapDeals update files. JSON: the number.
public struct SectorFileType: OptionSet, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unsealed = SectorFileType(rawValue: 1)
    public static let sealed = SectorFileType(rawValue: 2)
    public static let cache = SectorFileType(rawValue: 4)
    public static let update = SectorFileType(rawValue: 8)
    public static let updateCache = SectorFileType(rawValue: 16)
    /// No file.
    public static let none: SectorFileType = []

    /// Every single type, in Lotus's order (`PathTypes`).
    public static let all: [SectorFileType] = [.unsealed, .sealed, .cache, .update, .updateCache]

    /// The folder of a storage path that holds files of this single type (`unsealed`, `sealed`, `cache`, `update`,
    /// `update-cache`); `nil` for a set of several types or none.
    public var folder: String? {
        switch self {
        case .unsealed: "unsealed"
        case .sealed: "sealed"
        case .cache: "cache"
        case .update: "update"
        case .updateCache: "update-cache"
        default: nil
        }
    }

    /// The single type whose folder is `name`.
    public init?(folder name: String) {
        guard let type = Self.all.first(where: { $0.folder == name }) else { return nil }
        self = type
    }

    /// The single types in this set.
    public var members: [SectorFileType] { Self.all.filter { contains($0) } }

    /// Whether every bit is a known type.
    public var isValid: Bool { rawValue >= 0 && rawValue & ~31 == 0 }

    public var description: String {
        members.isEmpty ? "none" : members.compactMap(\.folder).joined(separator: "|")
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
        guard isValid else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown sector file type bits \(rawValue)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
