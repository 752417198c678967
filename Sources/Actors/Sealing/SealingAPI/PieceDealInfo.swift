import ChainTypes
import Multiformats

/// The deal a piece belongs to, as the markets node hands it to `SectorAddPieceToAny` (Lotus `api.PieceDealInfo`):
/// `{"PublishCid":…,"DealID":5,"DealProposal":{…},"DealSchedule":{"StartEpoch":…,"EndEpoch":…},"KeepUnsealed":true}`.
public struct PieceDealInfo: Codable, Sendable, Equatable {
    /// The `PublishStorageDeals` message that published the deal.
    public var publishCid: CID?
    /// The deal's ID on chain.
    public var dealID: UInt64
    /// The proposal (its piece CID and size are what the data must match).
    public var dealProposal: DealProposal?
    /// When the deal starts and ends: the sector must be proven before the start and live until the end.
    public var dealSchedule: DealSchedule
    /// Keep an unsealed copy for retrievals.
    public var keepUnsealed: Bool

    /// Creates deal info.
    public init(publishCid: CID?, dealID: UInt64, dealProposal: DealProposal?, dealSchedule: DealSchedule, keepUnsealed: Bool = true) {
        self.publishCid = publishCid
        self.dealID = dealID
        self.dealProposal = dealProposal
        self.dealSchedule = dealSchedule
        self.keepUnsealed = keepUnsealed
    }

    enum CodingKeys: String, CodingKey {
        case publishCid = "PublishCid", dealID = "DealID", dealProposal = "DealProposal", dealSchedule = "DealSchedule"
        case keepUnsealed = "KeepUnsealed"
    }
}

/// A deal's start and end epochs (Lotus `api.DealSchedule`).
public struct DealSchedule: Codable, Sendable, Equatable {
    public var startEpoch: ChainEpoch
    public var endEpoch: ChainEpoch

    public init(startEpoch: ChainEpoch, endEpoch: ChainEpoch) {
        self.startEpoch = startEpoch
        self.endEpoch = endEpoch
    }

    enum CodingKeys: String, CodingKey { case startEpoch = "StartEpoch", endEpoch = "EndEpoch" }
}

/// Where a piece landed (Lotus `api.SectorOffset`): the sector and the piece's padded offset in it.
public struct SectorOffset: Codable, Sendable, Equatable {
    public var sector: UInt64
    public var offset: UInt64

    public init(sector: UInt64, offset: UInt64) {
        self.sector = sector
        self.offset = offset
    }

    enum CodingKeys: String, CodingKey { case sector = "Sector", offset = "Offset" }
}
