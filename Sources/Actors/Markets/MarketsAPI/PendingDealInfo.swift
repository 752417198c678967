import ChainTypes
import Foundation

/// `MarketPendingDeals`: the deals waiting for the next `PublishStorageDeals` message (Lotus `api.PendingDealInfo`).
/// JSON: `{"Deals":[{"Proposal":…,"ClientSignature":…}],"PublishPeriodStart":"2022-…Z","PublishPeriod":3600000000000}`.
public struct PendingDealInfo: Sendable, Equatable, Codable {
    public var deals: [ClientDealProposal]
    /// When the current batch's period started (now, when nothing waits).
    public var publishPeriodStart: Date
    /// `[Dealmaking] PublishMsgPeriod` in nanoseconds.
    public var publishPeriod: Int64

    public init(deals: [ClientDealProposal], publishPeriodStart: Date, publishPeriod: Int64) {
        self.deals = deals
        self.publishPeriodStart = publishPeriodStart
        self.publishPeriod = publishPeriod
    }

    enum CodingKeys: String, CodingKey { case deals = "Deals", publishPeriodStart = "PublishPeriodStart", publishPeriod = "PublishPeriod" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deals = try c.decodeIfPresent([ClientDealProposal].self, forKey: .deals) ?? []
        let text = try c.decode(String.self, forKey: .publishPeriodStart)
        guard let date = Self.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .publishPeriodStart, in: c, debugDescription: "'\(text)' is not an RFC 3339 time")
        }
        publishPeriodStart = date
        publishPeriod = try c.decode(Int64.self, forKey: .publishPeriod)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deals, forKey: .deals)
        try c.encode(Self.format(publishPeriodStart), forKey: .publishPeriodStart)
        try c.encode(publishPeriod, forKey: .publishPeriod)
    }

    /// RFC 3339 with fractional seconds, as Go writes `time.Time`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
