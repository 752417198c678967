import Multiformats

/// Hex helpers for test vectors.
enum TestHex {
    /// Lower-case hex of `bytes`.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(bytes)
    }

    /// Bytes of a hex string; spaces are ignored. Traps on a malformed literal (test data only).
    static func decode(_ text: String) -> [UInt8] {
        try! Hex.decode(text)  // the test's own vectors: a typo traps
    }
}
