/// Lotus JSON form of a CID: an object with the single key `"/"` holding the text form,
/// `{"/":"bafy2bzace…"}` (the IPLD dag-json link form).
extension CID: Codable {
    private struct LinkKey: CodingKey {
        static let slash = LinkKey(stringValue: "/")
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `{"/":"<cid text>"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: LinkKey.self)
        let text = try container.decode(String.self, forKey: .slash)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .slash, in: container, debugDescription: "invalid CID '\(text)': \(error.message)")
        }
    }

    /// Encodes `{"/":"<cid text>"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LinkKey.self)
        try container.encode(description, forKey: .slash)
    }
}
