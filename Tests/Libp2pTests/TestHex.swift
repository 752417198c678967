import Multiformats

/// Hex for the test vectors written in this target.
enum TestHex {
    /// Decodes a hex literal of the test's own; traps on a typo in the test.
    static func decode(_ text: String) -> [UInt8] {
        try! Hex.decode(text)  // the test's own vectors: a typo traps
    }

    /// Lower-case hex.
    static func encode(_ bytes: [UInt8]) -> String {
        Hex.encode(bytes)
    }
}
