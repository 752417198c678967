import Multiformats

/// One batch a flush sent (Lotus `api.PreCommitBatchRes` / `api.CommitBatchRes`): its sectors, and its message or
/// why it failed.
public struct BatchResult: Codable, Sendable, Equatable {
    public var sectors: [UInt64]
    public var message: CID?
    public var error: String

    public init(sectors: [UInt64], message: CID?, error: String) {
        self.sectors = sectors
        self.message = message
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case sectors = "Sectors", message = "Msg", error = "Error" }
}
