/// `[Addresses]`: control addresses used to send messages (Lotus `MinerAddressConfig`).
public struct AddressesConfig: Sendable, Equatable, Codable {
    /// Addresses to send PreCommit messages from
    public var preCommitControl: [String] = []
    /// Addresses to send Commit messages from
    public var commitControl: [String] = []
    /// Addresses to send TerminateSectors messages from
    public var terminateControl: [String] = []
    /// Addresses to send PublishStorageDeals messages from
    public var dealPublishControl: [String] = []
    /// DisableOwnerFallback disables usage of the owner address for messages
    /// sent automatically
    public var disableOwnerFallback: Bool = false
    /// DisableWorkerFallback disables usage of the worker address for messages
    /// sent automatically, if control addresses are configured.
    /// A control address that doesn't have enough funds will still be chosen
    /// over the worker address if this flag is set.
    public var disableWorkerFallback: Bool = false

    enum CodingKeys: String, CodingKey {
        case preCommitControl = "PreCommitControl"
        case commitControl = "CommitControl"
        case terminateControl = "TerminateControl"
        case dealPublishControl = "DealPublishControl"
        case disableOwnerFallback = "DisableOwnerFallback"
        case disableWorkerFallback = "DisableWorkerFallback"
    }

    /// Decodes on top of the defaults: absent keys keep their default values.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.update(&preCommitControl, .preCommitControl)
        try container.update(&commitControl, .commitControl)
        try container.update(&terminateControl, .terminateControl)
        try container.update(&dealPublishControl, .dealPublishControl)
        try container.update(&disableOwnerFallback, .disableOwnerFallback)
        try container.update(&disableWorkerFallback, .disableWorkerFallback)
    }

    /// The defaults of Lotus v1.17.2 `DefaultStorageMiner()`.
    public init() {}
}
