import Foundation
import Logging
import Multiformats
import NIOCore
import TestScheduling
import Testing
import Yamux

@testable import Libp2p

/// Runs libp2p hosts on 127.0.0.1 for the length of a test.
enum HostFixture {
    /// A config listening on a random loopback port with a fresh identity.
    static func config(agent: String = "libp2p-tests/1.0", _ adjust: (inout Libp2pHostConfig) -> Void = { _ in }) -> Libp2pHostConfig {
        var config = Libp2pHostConfig(
            identity: Libp2pPrivateKey.generate(), listenAddresses: [try! Multiaddr("/ip4/127.0.0.1/tcp/0")], agentVersion: agent)
        config.yamux.keepAliveInterval = nil
        // The hosts' own deadlines, as the tests' (``TestTime``): a sanitized host takes longer for a handshake.
        config.limits.handshakeTimeout = TestTime.scaled(config.limits.handshakeTimeout)
        config.limits.streamNegotiationTimeout = TestTime.scaled(config.limits.streamNegotiationTimeout)
        config.yamux.pingTimeout = TestTime.scaled(config.yamux.pingTimeout)
        adjust(&config)
        return config
    }

    /// Starts one host per config, waits until all listen, runs `body`, then stops them.
    static func withHosts<T: Sendable>(
        _ configs: [Libp2pHostConfig], recorder: LogRecorder = LogRecorder(),
        _ body: @Sendable ([Libp2pHost]) async throws -> T
    ) async throws -> T {
        let hosts = configs.enumerated().map { index, config in
            Libp2pHost(config: config, logger: recorder.logger("host\(index)"))
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            for host in hosts {
                group.addTask {
                    try await host.run()
                    return nil
                }
            }
            for host in hosts { _ = try await host.waitUntilListening() }
            let result: T
            do {
                result = try await body(hosts)
            } catch {
                for host in hosts { host.beginShutdown() }
                group.cancelAll()
                throw error
            }
            for host in hosts { host.beginShutdown() }
            while let _ = try await group.next() {}
            return result
        }
    }

    /// `host`'s first listen address with `/p2p/<its peer ID>` appended: what a peer dials.
    static func dialAddress(_ host: Libp2pHost) throws -> Multiaddr {
        try Multiaddr("\(host.listenAddresses[0])/p2p/\(host.peerID)")
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` (``TestTime/scaled(_:)``) passes; returns whether
    /// it held.
    static func eventually(timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
        try await TestTime.poll(within: timeout, every: .milliseconds(20), condition)
    }

    /// Deterministic pseudo-random bytes (xorshift64), so a test can regenerate what it expects.
    static func pattern(seed: UInt64, count: Int) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset < count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                let word = state.littleEndian
                let take = min(8, count - offset)
                withUnsafeBytes(of: word) { raw.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: take) }
                offset += take
            }
            initialized = count
        }
    }

    /// Whether `chunk` equals `expected[offset..<offset + chunk.readableBytes]` (memcmp, fast in debug builds).
    static func matches(_ chunk: ByteBuffer, _ expected: [UInt8], at offset: Int) -> Bool {
        guard offset + chunk.readableBytes <= expected.count else { return false }
        return chunk.withUnsafeReadableBytes { bytes in
            expected.withUnsafeBytes { all in
                memcmp(bytes.baseAddress!, all.baseAddress!.advanced(by: offset), bytes.count) == 0
            }
        }
    }
}
