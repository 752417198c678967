/// What a new sector file is for, when the index picks a path for it (Lotus `storiface.PathType`): `sealing` (scratch
/// space while sealing: paths with `CanSeal`) or `storage` (long-term: paths with `CanStore`).
public struct PathType: RawRepresentable, Codable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let sealing = PathType(rawValue: "sealing")
    public static let storage = PathType(rawValue: "storage")
}
