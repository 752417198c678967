/// Base58btc: the Bitcoin alphabet `123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz`, no checksum.
///
/// Peer IDs (`12D3KooW…`, `Qm…`) and CIDv0 (`Qm…`) are written in it, and multibase prefix `z` selects it.
/// Each leading `0x00` byte is written as one leading `1`, and each leading `1` decodes to one `0x00`.
///
/// Base58 conversion is quadratic in the length, so ``decode(_:)`` refuses text longer than
/// ``maxDecodeLength`` characters; identifiers written in base58 are far shorter.
public enum Base58 {
    /// Longest text ``decode(_:)`` accepts.
    public static let maxDecodeLength = RadixCodec.maxDecodeLength

    private static let codec = RadixCodec(
        name: "base58", alphabet: "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

    /// Encodes `bytes` in base58btc.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        codec.encode(bytes)
    }

    /// Decodes base58btc `text`.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidEncoding`` for a character
    ///   outside the alphabet (including `0`, `O`, `I`, `l`) or text longer than ``maxDecodeLength``.
    public static func decode(_ text: some StringProtocol) throws(MultiformatsError) -> [UInt8] {
        try codec.decode(ascii: text.utf8)
    }

    /// Decodes the ASCII characters in `chars`; same rules as ``decode(_:)``.
    public static func decode(ascii chars: some Collection<UInt8>) throws(MultiformatsError) -> [UInt8] {
        try codec.decode(ascii: chars)
    }
}
