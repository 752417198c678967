extension BackupConfig {
    /// The `[Backup]` table's keys, declared once for every node type that has the table (``ConfigSection/embedded(in:)``).
    public static let configSection = ConfigSection<BackupConfig>("Backup", [
        .init("Backup", "DisableMetadataLog", \.disableMetadataLog, goType: "bool", doc: """
            When set to true disables metadata log (.lotus/kvlog). This can save disk
            space by reducing metadata redundancy.

            Note that in case of metadata corruption it might be much harder to recover
            your node if metadata log is disabled
            """),
    ])
}
