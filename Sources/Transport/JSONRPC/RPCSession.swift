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
    private var calls: [String: Task<Void, Never>] = [:]
    private var closed = false

    public init(server: RPCServer, permissions: Set<Permission>, send: @escaping @Sendable ([UInt8]) async -> Void) {
        self.server = server
        self.permissions = permissions
        self.send = send
    }

    /// Handles one incoming message. Calls run concurrently; their answers are sent when ready.
    public func receive(_ bytes: [UInt8]) {
        guard !closed else { return }
        if let cancelled = Self.cancelTarget(bytes) {
            calls.removeValue(forKey: cancelled)?.cancel()
            return
        }
        let key = (try? JSONRPCMessage(parsing: bytes)).map { String(decoding: $0.idBytes, as: UTF8.self) } ?? "null"
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
            self.finished(key)
        }
        if key != "null" { calls[key] = task }
    }

    private func finished(_ key: String) { calls.removeValue(forKey: key) }

    /// Cancels every running call and channel; later messages are ignored.
    public func close() {
        closed = true
        for task in calls.values { task.cancel() }
        calls.removeAll()
    }

    /// The request id named by an `xrpc.cancel` notification, if `bytes` is one.
    static func cancelTarget(_ bytes: [UInt8]) -> String? {
        guard let message = try? JSONRPCMessage(parsing: bytes), message.method == "xrpc.cancel",
            let params = message.params, params.count == 1
        else { return nil }
        return String(decoding: bytes[params[0]], as: UTF8.self)
    }
}
