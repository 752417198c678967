/// `[Logging]`: log levels.
public struct LoggingConfig: Sendable, Equatable, Codable {
    /// SubsystemLevels specify per-subsystem log levels (written as the `[Logging.SubsystemLevels]` table).
    public var subsystemLevels: [String: String] = ["example-subsystem": "INFO"]

    enum CodingKeys: String, CodingKey {
        case subsystemLevels = "SubsystemLevels"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&subsystemLevels, .subsystemLevels)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
