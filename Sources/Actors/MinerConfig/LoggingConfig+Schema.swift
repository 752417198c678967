extension LoggingConfig {
    /// The `[Logging]` table's keys, declared once for every node type that has the table (``ConfigSection/embedded(in:)``).
    public static let configSection = ConfigSection<LoggingConfig>("Logging", [
        .init(
            "Logging", "SubsystemLevels", \.subsystemLevels, goType: "map[string]string", comment: .envOnly,
            doc: "SubsystemLevels specify per-subsystem log levels"),
    ])
}
