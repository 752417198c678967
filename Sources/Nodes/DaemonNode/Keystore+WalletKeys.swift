import Repo

/// Raw key material for the wallet, kept in a file that sees only `Repo`'s `KeyInfo` (the chain types have a
/// type of the same name).
extension Keystore {
    /// The type and private key stored under `name`, or `nil`.
    func walletKeyMaterial(_ name: String) throws -> (type: String, privateKey: [UInt8])? {
        try get(name).map { ($0.type, $0.privateKey) }
    }

    /// Stores a key of `type` under `name` (fails if the name is taken).
    func putWalletKey(_ name: String, type: String, privateKey: [UInt8]) throws {
        try put(name, KeyInfo(type: type, privateKey: privateKey))
    }

    /// Stores a key of `type` under `name` in place of the one there, atomically.
    func replaceWalletKey(_ name: String, type: String, privateKey: [UInt8]) throws {
        try replace(name, KeyInfo(type: type, privateKey: privateKey))
    }
}
