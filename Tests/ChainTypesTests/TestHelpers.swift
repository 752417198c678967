import Foundation
import Multiformats
import Testing

/// Hex text to bytes (test helper).
func hexBytes(_ hex: String) -> [UInt8] {
    try! Hex.decode(hex)  // the test's own vectors: a typo traps
}

/// Bytes to lowercase hex (test helper).
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// Compares two JSON documents as values (key order aside).
func expectSameJSON(_ data: Data, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let actual = try JSONSerialization.jsonObject(with: data) as? NSDictionary
    let wanted = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
    #expect(actual == wanted, "\(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
}
