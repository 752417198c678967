extension ConfigFile {
    /// The `[Subsystems]` section of a markets node in a split (what `lotus-miner init service --type=markets` sets):
    /// Markets only, the mining node's admin API info (`TOKEN:MULTIADDR`) as `SealerApiInfo` and `SectorIndexApiInfo`.
    public static func marketsNodeSubsystems(apiInfo: String) -> String {
        """
        [Subsystems]
          EnableMining = false
          EnableSealing = false
          EnableSectorStorage = false
          EnableMarkets = true
          SealerApiInfo = "\(apiInfo)"
          SectorIndexApiInfo = "\(apiInfo)"

        """
    }
}
