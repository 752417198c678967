/// Capacity of a storage path (Lotus `fsutil.FsStat`), in bytes.
public struct FsStat: Codable, Sendable, Equatable {
    public var capacity: Int64
    public var available: Int64
    public var fsAvailable: Int64
    public var reserved: Int64
    public var max: Int64
    public var used: Int64

    enum CodingKeys: String, CodingKey {
        case capacity = "Capacity", available = "Available", fsAvailable = "FSAvailable", reserved = "Reserved"
        case max = "Max", used = "Used"
    }

    public init(capacity: Int64, available: Int64, used: Int64) {
        self.capacity = capacity
        self.available = available
        self.fsAvailable = available
        self.reserved = 0
        self.max = 0
        self.used = used
    }
}
