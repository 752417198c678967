import APICore

/// The Common API (Lotus `api.Common`): version, tokens, logging, shutdown, session, subsystems. Every node serves
/// it, the chain daemon included. Implemented by `CommonActor` (target `Common`).
public protocol CommonAPI: SubsystemAPI where Methods == CommonMethods {
    /// `Version`: build, API version and block delay. Synchronous: it reads only constants.
    func version() -> APIVersionInfo
    /// `AuthVerify`: the permissions a token grants.
    func authVerify(_ token: String) async throws -> [Permission]
    /// `AuthNew`: a new token with `permissions`.
    func authNew(_ permissions: [Permission]) async throws -> Base64Bytes
    /// `LogList`: the node's logger names.
    func logList() async -> [String]
    /// `LogSetLevel`: sets one logger's level (`*` for all).
    func logSetLevel(_ subsystem: String, _ level: String) async throws
    /// `Shutdown`: starts the node's graceful shutdown.
    func shutdown() async
    /// `Session`: an id that changes on every start.
    func sessionID() async -> String
    /// `Closing`: a stream that ends when the node starts shutting down.
    func closingStream() async -> AsyncThrowingStream<Empty, any Error>
    /// `RuntimeSubsystems`: the subsystems this node runs, in Lotus's order.
    func runtimeSubsystems() async -> [Subsystem]
    /// `CreateBackup`: writes the node's metadata datastore to `path` in Lotus's backup format. `path` must lie
    /// inside the directory the node process was given as `LOTUS_BACKUP_BASE_PATH`.
    func createBackup(_ path: String) async throws
}
