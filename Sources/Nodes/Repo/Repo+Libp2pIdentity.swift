import Logging
import Multiformats

extension Repo {
    /// Keystore name of the libp2p host identity.
    public static let libp2pHostKeyName = "libp2p-host"

    /// The node's libp2p identity: keystore key `libp2p-host`, Type `libp2p-host`, PrivateKey = the libp2p
    /// protobuf of an Ed25519 private key (`08 01 12 40 <seed ‖ public key>`), as Lotus stores it. Generated and
    /// stored on first use, so the peer ID stays the same across restarts.
    /// - Throws: ``RepoError`` `.corrupt` when the stored key has another type or is not an Ed25519 libp2p key.
    public func libp2pIdentity() throws -> Libp2pPrivateKey {
        let name = Self.libp2pHostKeyName
        if let stored = try keystore.get(name) {
            return try Self.libp2pKey(stored, file: keystore.filePath(for: name))
        }
        let key = Libp2pPrivateKey.generate()
        do {
            try keystore.put(name, KeyInfo(type: KeyInfo.libp2pHostType, privateKey: key.marshaled))
        } catch let error as RepoError where error.kind == .keyExists {
            // Another process created it concurrently; use theirs.
            guard let stored = try keystore.get(name) else { throw error }
            return try Self.libp2pKey(stored, file: keystore.filePath(for: name))
        }
        Self.logger.info("Generated new libp2p identity", metadata: ["peer": "\(key.publicKey.peerID)"])
        return key
    }

    /// Stores `key` as the node's libp2p identity. `lotus-miner init --owner` makes the key first, so the new miner
    /// actor's on-chain PeerID is the identity this repo's host will have.
    /// - Throws: ``RepoError`` `.keyExists` when the repo already has one.
    public func setLibp2pIdentity(_ key: Libp2pPrivateKey) throws {
        try keystore.put(Self.libp2pHostKeyName, KeyInfo(type: KeyInfo.libp2pHostType, privateKey: key.marshaled))
    }

    private static func libp2pKey(_ stored: KeyInfo, file: String) throws -> Libp2pPrivateKey {
        guard stored.type == KeyInfo.libp2pHostType else {
            throw RepoError(
                .corrupt,
                "keystore key '\(libp2pHostKeyName)' (\(file)) has type '\(stored.type)', expected '\(KeyInfo.libp2pHostType)'; "
                    + "move the file away to generate a new identity (the node's peer ID will change)")
        }
        do {
            return try Libp2pPrivateKey(marshaled: stored.privateKey)
        } catch {
            throw RepoError(
                .corrupt,
                "keystore key '\(libp2pHostKeyName)' (\(file)) is not a libp2p Ed25519 private key: \(error); "
                    + "move the file away to generate a new identity (the node's peer ID will change)")
        }
    }
}
