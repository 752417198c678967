/// A semantic version packed as Lotus does: `major<<16 | minor<<8 | patch`.
public struct SemanticVersion: Hashable, Sendable, Codable, CustomStringConvertible {
    public var major: UInt32
    public var minor: UInt32
    public var patch: UInt32

    public init(_ major: UInt32, _ minor: UInt32, _ patch: UInt32) {
        (self.major, self.minor, self.patch) = (major, minor, patch)
    }

    public init(packed: UInt32) {
        self.init(packed >> 16 & 0xff, packed >> 8 & 0xff, packed & 0xff)
    }

    public var packed: UInt32 { major << 16 | minor << 8 | patch }
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Lotus's compatibility rule: major and minor must match, patch may differ.
    public func isCompatible(with other: SemanticVersion) -> Bool {
        major == other.major && minor == other.minor
    }

    public init(from decoder: any Decoder) throws {
        self.init(packed: try decoder.singleValueContainer().decode(UInt32.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(packed)
    }

    /// The miner API version this build speaks (Lotus v1.17: `MinerAPIVersion0 = 1.5.0`).
    public static let minerAPI = SemanticVersion(1, 5, 0)
    /// The full-node v1 API version (Lotus v1.17: `FullAPIVersion1 = 2.3.0`).
    public static let fullNodeAPI = SemanticVersion(2, 3, 0)
}

/// The result of `Filecoin.Version`: `{"Version":"...","APIVersion":66816,"BlockDelay":30}`.
public struct APIVersionInfo: Codable, Sendable, Equatable {
    public var version: String
    public var apiVersion: SemanticVersion
    public var blockDelay: UInt64

    public init(version: String, apiVersion: SemanticVersion, blockDelay: UInt64) {
        self.version = version
        self.apiVersion = apiVersion
        self.blockDelay = blockDelay
    }

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case apiVersion = "APIVersion"
        case blockDelay = "BlockDelay"
    }

    /// This build's version string.
    public static let buildVersion = "1.17.2+swift-devnet"
}
