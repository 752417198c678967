import APICore
import ChainState
import ChainTypes

/// The wallet API (Lotus `Wallet*`), over the daemon's ``WalletStore``.
extension FullNodeActor {
    /// Key types `WalletNew` accepts: Lotus's `secp256k1` name (the CLI's default) and `ed25519` both make a key of
    /// the devnet's Ed25519 scheme with a `t1…` address; BLS is not available.
    public static let walletKeyTypes = ["secp256k1", "ed25519"]

    /// `WalletNew`: a new key; it becomes the default if there is none.
    public func walletNew(_ type: String) throws -> Address {
        guard Self.walletKeyTypes.contains(type) else {
            throw RPCError(
                .methodError,
                "unsupported key type '\(type)': this devnet's wallets use its Ed25519 scheme with t1 addresses; "
                    + "use secp256k1 (the default) or ed25519")
        }
        let key = WalletKey.generate()
        try wallet.add(key)
        if try wallet.defaultAddress() == nil {
            try wallet.setDefault(key.address)
        }
        return key.address
    }

    /// `WalletList`.
    public func walletList() throws -> [Address] {
        try wallet.addresses()
    }

    /// `WalletHas`.
    public func walletHas(_ address: Address) throws -> Bool {
        let keyAddress = address.id == nil ? address : try chain.accountKey(address)
        return try wallet.key(for: keyAddress) != nil
    }

    /// `WalletDefaultAddress`.
    public func walletDefault() throws -> Address {
        guard let address = try wallet.defaultAddress() else {
            throw RPCError(.methodError, "failed to get default key: key info not found (lotus wallet set-default ADDRESS sets one)")
        }
        return address
    }

    /// `WalletSetDefault`: the wallet must hold the key.
    public func walletSetDefault(_ address: Address) throws {
        guard try wallet.key(for: address) != nil else {
            throw RPCError(.methodError, "failed to get key info: key info not found for \(address) (it is not in this daemon's wallet)")
        }
        try wallet.setDefault(address)
    }

    /// `WalletSign`: signs `data` with the key of `address` (a key address or an account's ID).
    public func walletSign(_ address: Address, _ data: [UInt8]) throws -> Signature {
        try signingKey(for: address).1.sign(data)
    }
}
