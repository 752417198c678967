import Libp2p
import Logging
import Multiformats
import NIOCore
import Yamux

/// Two libp2p hosts on 127.0.0.1, B connected to A; A serves a sink protocol that reads everything and
/// answers with the byte count.
struct HostPair: Sendable {
    static let sinkProtocol = "/p2p-bench/sink/1.0.0"

    let a: Libp2pHost
    let b: Libp2pHost
    let runner: Task<Void, any Error>

    static func start(initialWindow: UInt32, logger: Logger) async throws -> HostPair {
        func config() throws -> Libp2pHostConfig {
            var config = Libp2pHostConfig(
                identity: .generate(), listenAddresses: [try Multiaddr("/ip4/127.0.0.1/tcp/0")], agentVersion: "p2p-bench")
            config.connectionManager.highWater = 100_000
            config.connectionManager.lowWater = 100_000
            config.yamux.initialStreamWindow = initialWindow
            config.yamux.maxStreamWindow = max(config.yamux.maxStreamWindow, initialWindow)
            config.limits.maxUnreadBytesPerConnection = max(config.limits.maxUnreadBytesPerConnection, Int(initialWindow))
            config.limits.maxUnreadBytesTotal = max(config.limits.maxUnreadBytesTotal, Int(initialWindow))
            return config
        }
        let a = Libp2pHost(config: try config(), logger: logger)
        let b = Libp2pHost(config: try config(), logger: logger)
        a.setStreamHandler(sinkProtocol) { stream in
            var count: UInt64 = 0
            do {
                while let chunk = try await stream.read() { count += UInt64(chunk.readableBytes) }
                var answer = ByteBuffer()
                answer.writeInteger(count)
                try await stream.write(answer)
                try await stream.closeWrite()
            } catch {
                stream.reset()
            }
        }
        let runner = Task {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await a.run() }
                group.addTask { try await b.run() }
            }
        }
        let listening = try await a.waitUntilListening()
        _ = try await b.waitUntilListening()
        let pair = HostPair(a: a, b: b, runner: runner)
        try await b.connect(pair.dialAddress(listening[0]))
        return pair
    }

    func dialAddress(_ listen: Multiaddr) throws -> Multiaddr {
        try listen.appending(.p2p(a.peerID))
    }

    /// Sends `totalBytes` split over `streams` parallel streams; returns the time until every count came back.
    func send(totalBytes: Int, streams: Int) async throws -> Duration {
        let perStream = totalBytes / streams
        let chunk = ByteBuffer(repeating: 0xA5, count: 256 * 1024)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<streams {
                group.addTask {
                    let stream = try await b.newStream(to: a.peerID, protocols: [Self.sinkProtocol])
                    var left = perStream
                    while left > 0 {
                        let size = min(left, chunk.readableBytes)
                        try await stream.write(size == chunk.readableBytes ? chunk : chunk.getSlice(at: 0, length: size)!)
                        left -= size
                    }
                    try await stream.closeWrite()
                    var answer = try await stream.readExactly(8)
                    let count = answer.readInteger(as: UInt64.self) ?? 0
                    guard count == UInt64(perStream) else {
                        throw BenchFailure("the sink counted \(count) bytes, \(perStream) were sent")
                    }
                }
            }
            try await group.waitForAll()
        }
        return clock.now - start
    }

    /// Opens and closes connections from B to A, one after the other, for `duration`.
    func handshakes(for duration: Duration) async throws -> (count: Int, seconds: Double) {
        await b.disconnect(a.peerID)
        let address = try dialAddress(a.listenAddresses[0])
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while clock.now - start < duration {
            try await b.connect(address)
            count += 1
            await b.disconnect(a.peerID)
        }
        let elapsed = clock.now - start
        return (count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    func stop() {
        a.beginShutdown()
        b.beginShutdown()
        runner.cancel()
    }
}
