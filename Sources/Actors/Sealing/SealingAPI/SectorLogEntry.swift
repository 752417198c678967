/// One line of a sector's history (`sectors status --log`): which event, when, and the error it carried.
public struct SectorLogEntry: Codable, Sendable, Equatable {
    /// `event;<EventName>`, as Lotus writes it.
    public var kind: String
    /// Unix seconds.
    public var timestamp: UInt64
    public var message: String

    public init(kind: String, timestamp: UInt64, message: String) {
        self.kind = kind
        self.timestamp = timestamp
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case kind = "Kind", timestamp = "Timestamp", message = "Message" }
}
