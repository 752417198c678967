/// `[Backup]`: metadata log settings.
public struct BackupConfig: Sendable, Equatable, Codable {
    /// When set to true disables metadata log (.lotus/kvlog). This can save disk
    /// space by reducing metadata redundancy.
    public var disableMetadataLog: Bool = true

    enum CodingKeys: String, CodingKey {
        case disableMetadataLog = "DisableMetadataLog"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&disableMetadataLog, .disableMetadataLog)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
