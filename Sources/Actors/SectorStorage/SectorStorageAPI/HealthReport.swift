/// A storage path's heartbeat (Lotus `storiface.HealthReport`): its filesystem figures, or why they could not be
/// read (`Err`, empty when healthy).
public struct HealthReport: Codable, Sendable, Equatable {
    public var stat: FsStat
    public var error: String

    public init(stat: FsStat, error: String = "") {
        self.stat = stat
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case stat = "Stat", error = "Err" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stat = try c.decode(FsStat.self, forKey: .stat)
        error = try c.decodeIfPresent(String.self, forKey: .error) ?? ""
    }
}
