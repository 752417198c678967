/// Where a provider takes one client's push of a deal's data (``StorageMarketProtocol/dataPush``).
public protocol DealDataReceiver: Sendable {
    /// The bytes already held, where the client resumes.
    var offset: UInt64 { get }
    /// Appends `bytes` to what is held.
    /// - Throws: when the data would be larger than the deal's piece, or cannot be written.
    func append(_ bytes: [UInt8]) async throws
    /// The client sent everything: the data is checked and the deal moves on. Returns the bytes held.
    func finish() async throws -> UInt64
    /// The stream broke: what arrived is kept for the client to resume.
    func suspend() async
}
