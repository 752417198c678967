import ChainTypes
import FullNode
import FullNodeAPI
import Repo

/// The daemon's wallet over the repo's keystore, with Lotus's names: each key under `wallet-<address>`, the
/// default key also under `default` (both `{"Type":"ed25519","PrivateKey":…}`, mode 0600).
public struct KeystoreWallet: WalletStore {
    /// Keystore prefix of wallet keys.
    public static let keyPrefix = "wallet-"
    /// Keystore name of the default key.
    public static let defaultName = "default"

    let keystore: Keystore

    /// A wallet over `keystore` (normally the repo's).
    public init(keystore: Keystore) {
        self.keystore = keystore
    }

    public func addresses() throws -> [Address] {
        try keystore.list().compactMap { name -> Address? in
            guard name.hasPrefix(Self.keyPrefix) else { return nil }
            return Address(String(name.dropFirst(Self.keyPrefix.count)))
        }.sorted()
    }

    public func key(for address: Address) throws -> WalletKey? {
        try walletKey(named: Self.keyPrefix + address.description)
    }

    public func add(_ key: WalletKey) throws {
        try keystore.putWalletKey(Self.keyPrefix + key.address.description, type: key.keyInfo.type, privateKey: key.keyInfo.privateKey)
    }

    public func defaultAddress() throws -> Address? {
        try walletKey(named: Self.defaultName)?.address
    }

    public func setDefault(_ address: Address) throws {
        guard let key = try key(for: address) else {
            throw RepoError(.keyNotFound, "cannot make \(address) the default: the wallet has no key for it")
        }
        // Replaced in one rename: deleting first left a window in which a crash lost the default key.
        try keystore.replaceWalletKey(Self.defaultName, type: key.keyInfo.type, privateKey: key.keyInfo.privateKey)
    }

    /// The default key, if one is set.
    public func defaultKey() throws -> WalletKey? {
        try walletKey(named: Self.defaultName)
    }

    private func walletKey(named name: String) throws -> WalletKey? {
        guard let stored = try keystore.walletKeyMaterial(name) else { return nil }
        do {
            return try WalletKey(keyInfo: ChainTypes.KeyInfo(type: stored.type, privateKey: stored.privateKey))
        } catch {
            throw RepoError(.corrupt, "keystore key '\(name)' (\(keystore.filePath(for: name))) is not a devnet wallet key: \(error)")
        }
    }
}
