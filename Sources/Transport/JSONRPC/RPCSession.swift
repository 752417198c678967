import APICore

/// One websocket connection's JSON-RPC state, as go-jsonrpc's websocket mode: many concurrent
/// calls, channel methods as `xrpc.ch.val` / `xrpc.ch.close` notifications, and `xrpc.cancel`.
///
/// The transport feeds each text frame to ``receive(_:)`` and writes whatever `send` is given.
/// ``close()`` cancels every call and channel still running (the peer went away).
public actor RPCSession {
    private let server: RPCServer
    private let permissions: Set<Permission>
    private let send: @Sendable ([UInt8]) async -> Void
    /// Every call in flight, by a number of its own (ids are the client's: they may repeat, or be null).
    private var calls: [UInt64: Task<Void, Never>] = [:]
    /// The call a client id names, for `xrpc.cancel`.
    private var callByID: [String: UInt64] = [:]
    private var nextCall: UInt64 = 0
    private var closed = false
    /// The most calls (channels included) one connection may have in flight; more are refused with an error.
    public let maxCalls: Int

    /// The default cap on calls in flight per connection.
    public static let defaultMaxCalls = 1024

    public init(
        server: RPCServer, permissions: Set<Permission>, maxCalls: Int = RPCSession.defaultMaxCalls,
        send: @escaping @Sendable ([UInt8]) async -> Void
    ) {
        self.maxCalls = max(maxCalls, 1)
        self.server = server
        self.permissions = permissions
        self.send = send
    }

    /// Handles one incoming message. Calls run concurrently; their answers are sent when ready.
    public func receive(_ bytes: [UInt8]) {
        guard !closed else { return }
        if let cancelled = Self.cancelTarget(bytes) {
            if let call = callByID.removeValue(forKey: cancelled) { calls.removeValue(forKey: call)?.cancel() }
            return
        }
        let id = (try? JSONRPCMessage(parsing: bytes)).map { $0.idBytes } ?? ArraySlice("null".utf8)
        let key = String(decoding: id, as: UTF8.self)
        guard calls.count < maxCalls else {
            let refusal = RPCError(
                .methodError, "too many calls in flight on this connection (\(maxCalls)); wait for replies or cancel some")
            let send = self.send
            if key != "null" { Task { await send(ResponseWriter.error(id: id, refusal)) } }
            return
        }
        let call = nextCall
        nextCall += 1
        let server = self.server
        let permissions = self.permissions
        let send = self.send
        let task = Task {
            switch await server.dispatch(bytes, permissions: permissions, channels: true) {
            case .noReply:
                break
            case .reply(_, let reply):
                await send(reply)
            case .channel(let id, let values):
                let channel = server.allocateChannel()
                await send(ResponseWriter.result(id: id, json: Array(String(channel).utf8)))
                let pump = Task {
                    do {
                        for try await value in values {
                            await send(ResponseWriter.channelValue(channel: channel, json: try JSONCoding.encode(value)))
                        }
                    } catch {}
                }
                server.register(channel: channel, pump: pump)
                await withTaskCancellationHandler {
                    await pump.value
                } onCancel: {
                    pump.cancel()
                }
                server.unregister(channel: channel)
                await send(ResponseWriter.channelClose(channel: channel))
            }
            await self.finished(call, key: key)
        }
        calls[call] = task
        if key != "null" { callByID[key] = call }
    }

    private func finished(_ call: UInt64, key: String) {
        calls.removeValue(forKey: call)
        if callByID[key] == call { callByID.removeValue(forKey: key) }
    }

    /// Calls in flight (for tests and metrics).
    public var callsInFlight: Int { calls.count }

    /// Cancels every running call and channel; later messages are ignored.
    public func close() {
        closed = true
        for task in calls.values { task.cancel() }
        calls.removeAll()
        callByID.removeAll()
    }

    /// The request id named by an `xrpc.cancel` notification, if `bytes` is one.
    static func cancelTarget(_ bytes: [UInt8]) -> String? {
        guard let message = try? JSONRPCMessage(parsing: bytes), message.method == "xrpc.cancel",
            let params = message.params, params.count == 1
        else { return nil }
        return String(decoding: bytes[params[0]], as: UTF8.self)
    }
}
