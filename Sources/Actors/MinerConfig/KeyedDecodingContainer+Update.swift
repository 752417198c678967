extension KeyedDecodingContainer {
    /// Overwrites `value` with the value stored for `key`, if there is one; leaves it alone otherwise.
    func update<T: Decodable>(_ value: inout T, _ key: Key) throws {
        if let decoded = try decodeIfPresent(T.self, forKey: key) {
            value = decoded
        }
    }
}
