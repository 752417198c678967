import Multiformats

extension WalletKey {
    /// Signs `message` (its CID bytes) with this key.
    /// - Throws: an error from swift-crypto if signing fails.
    public func sign(message: Message) throws -> SignedMessage {
        SignedMessage(message: message, signature: try sign(message.cid.bytes))
    }
}
