import ChainTypes

/// Where the daemon's wallet keys live. The daemon implements it over the repo's keystore (`wallet-<address>`
/// and `default` entries, Lotus's names); tests use an in-memory one.
public protocol WalletStore: Sendable {
    /// Every wallet address, sorted.
    func addresses() throws -> [Address]
    /// The key of `address`, or `nil` when the wallet does not hold it.
    func key(for address: Address) throws -> WalletKey?
    /// Stores a new key (its address is derived from it).
    func add(_ key: WalletKey) throws
    /// The default address, or `nil` when none is set.
    func defaultAddress() throws -> Address?
    /// Makes `address` (which the wallet must hold) the default.
    func setDefault(_ address: Address) throws
}
