/// A CID as Lotus puts it in JSON: `{"/":"bafy..."}`. Full CID parsing arrives with the deals issue;
/// here the text form is checked for the multibase prefix and alphabet.
public struct CIDLink: Codable, Sendable, Equatable, Hashable {
    public var cid: String

    public init(_ cid: String) { self.cid = cid }

    enum CodingKeys: String, CodingKey { case cid = "/" }

    /// A base32 CIDv1 (`b` + lowercase RFC4648 alphabet) or a base58 CIDv0 (`Qm…`).
    public static func looksValid(_ text: String) -> Bool {
        if text.hasPrefix("b"), text.count > 8 {
            return text.dropFirst().allSatisfy { ("a"..."z").contains($0) || ("2"..."7").contains($0) }
        }
        if text.hasPrefix("Qm"), text.count == 46 {
            let alphabet = Set("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
            return text.allSatisfy { alphabet.contains($0) }
        }
        return false
    }
}
