import APICore
import CommonAPI
import Foundation
import ServiceLifecycle
import SubsystemSupport

/// The methods every node serves: version, tokens, logging, shutdown, session, subsystems.
public actor CommonActor: CommonAPI, Service {

    private let authority: any TokenAuthority
    private let enabled: [Subsystem]
    private let blockDelay: UInt64
    private let apiVersion: SemanticVersion
    private let logs: LogRegistry
    private let requestShutdown: @Sendable () -> Void
    private let backup: (any NodeBackup)?
    private let session = UUID()
    private var closing: [UUID: AsyncThrowingStream<Empty, any Error>.Continuation] = [:]
    private var isClosing = false

    /// - Parameters:
    ///   - enabled: this node's subsystems, in Lotus's order.
    ///   - blockDelay: the chain's block time in seconds (reported by `Version`).
    ///   - apiVersion: the API version `Version` reports (the miner's, or the full node's on the chain daemon).
    ///   - requestShutdown: starts the node's graceful shutdown (`Shutdown`, `lotus-miner stop`, `lotus daemon stop`).
    ///   - backup: writes `CreateBackup` files; `nil` on a node that keeps no metadata datastore.
    public init(
        authority: any TokenAuthority, enabled: [Subsystem], blockDelay: UInt64, apiVersion: SemanticVersion = .minerAPI,
        logs: LogRegistry, backup: (any NodeBackup)? = nil, requestShutdown: @escaping @Sendable () -> Void
    ) {
        self.backup = backup
        self.authority = authority
        self.enabled = enabled
        self.blockDelay = blockDelay
        self.apiVersion = apiVersion
        self.logs = logs
        self.requestShutdown = requestShutdown
    }

    /// Reads only constants, so it runs without hopping onto the actor (the hottest call of all).
    public nonisolated func version() -> APIVersionInfo {
        APIVersionInfo(version: APIVersionInfo.buildVersion, apiVersion: apiVersion, blockDelay: blockDelay)
    }

    public func authVerify(_ token: String) throws -> [Permission] {
        do {
            return try authority.verify(token).map(Permission.init(rawValue:))
        } catch {
            throw RPCError(.methodError, "JWT Verification failed: \(error)")
        }
    }

    public func authNew(_ permissions: [Permission]) throws -> Base64Bytes {
        for permission in permissions where !Permission.all.contains(permission) {
            throw RPCError(.methodError, "unknown permission '\(permission)'; use read, write, sign or admin")
        }
        return Base64Bytes(Array(authority.token(allow: permissions.map(\.rawValue)).utf8))
    }

    public func logList() -> [String] { logs.names }

    public func logSetLevel(_ subsystem: String, _ level: String) throws {
        try logs.setLevel(subsystem, level)
    }

    public func runtimeSubsystems() -> [Subsystem] { enabled }

    public func createBackup(_ path: String) async throws {
        guard let backup else {
            throw RPCError(.methodError, "this node keeps no metadata datastore to back up (CreateBackup is served by lotus-miner nodes)")
        }
        try await backup.createBackup(to: path)
    }

    public func sessionID() -> String { session.uuidString.lowercased() }

    public func shutdown() {
        requestShutdown()
    }

    /// A stream that never yields and ends when the node starts shutting down (Lotus's `Closing`).
    public func closingStream() -> AsyncThrowingStream<Empty, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Empty, any Error>.makeStream()
        if isClosing {
            continuation.finish()
            return stream
        }
        let key = UUID()
        closing[key] = continuation
        continuation.onTermination = { _ in Task { await self.forget(key) } }
        return stream
    }

    private func forget(_ key: UUID) { closing[key] = nil }

    private func close() {
        isClosing = true
        for continuation in closing.values { continuation.finish() }
        closing.removeAll()
    }

    /// Waits for graceful shutdown, then ends every `Closing` stream.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }
}
