/// Keys of the metadata datastore (``MetadataStore``) that more than one part of the product reads: Lotus's names,
/// so a repo's datastore exports and backups look as Lotus's do.
public enum MetadataKey {
    /// The miner actor address, written by `lotus-miner init` (Lotus `/miner-address`).
    public static let minerAddress = "/miner-address"
}
