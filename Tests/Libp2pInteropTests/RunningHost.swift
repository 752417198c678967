import Crypto
import Libp2p
import Logging
import Multiformats
import NIOCore
import Synchronization

/// A Swift ``Libp2p/Libp2pHost`` on 127.0.0.1 for one test, serving the echo protocol, run for the duration of
/// ``with(_:)``.
enum RunningHost {
    static let echoProtocol = "/lotus-swift/echo/1.0.0"
    static let agentVersion = "lotus-swift-interop-test"

    /// What the Swift echo handler saw on each stream: byte count and sha256 (hex).
    final class EchoLog: Sendable {
        private let entries = Mutex<[(bytes: Int, sha256: String)]>([])
        var all: [(bytes: Int, sha256: String)] { entries.withLock { $0 } }
        func append(_ bytes: Int, _ sha256: String) { entries.withLock { $0.append((bytes, sha256)) } }
    }

    /// Starts a host listening on `/ip4/127.0.0.1/tcp/0` with an echo handler, runs `body`, then shuts it down.
    static func with<T: Sendable>(_ body: @Sendable (Libp2pHost, EchoLog) async throws -> T) async throws -> T {
        var logger = Logger(label: "interop-host")
        logger.logLevel = .warning
        let config = Libp2pHostConfig(
            identity: Libp2pPrivateKey.generate(), listenAddresses: [try Multiaddr("/ip4/127.0.0.1/tcp/0")],
            agentVersion: agentVersion)
        let host = Libp2pHost(config: config, logger: logger)
        let log = EchoLog()
        host.setStreamHandler(echoProtocol) { stream in await echo(stream, log: log) }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await host.run()
                return nil
            }
            do {
                _ = try await host.waitUntilListening()
                let result = try await body(host, log)
                host.beginShutdown()
                for try await _ in group {}
                return result
            } catch {
                host.beginShutdown()
                while (try? await group.next()) != nil {}
                throw error
            }
        }
    }

    /// Echoes every byte back as it arrives; at the peer's end of stream closes our side and records what it saw.
    static func echo(_ stream: Libp2pStream, log: EchoLog) async {
        var hash = SHA256()
        var count = 0
        do {
            while let chunk = try await stream.read() {
                chunk.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
                count += chunk.readableBytes
                try await stream.write(chunk)
            }
            try await stream.closeWrite()
            log.append(count, hex(hash.finalize()))
        } catch {
            stream.reset()
        }
    }

    /// Sends `data` on a new echo stream to `peer` while reading the echo; returns the sha256 of what came back.
    static func echoRoundTrip(_ host: Libp2pHost, to peer: PeerID, data: [UInt8]) async throws -> (bytes: Int, sha256: String) {
        let stream = try await host.newStream(to: peer, protocols: [echoProtocol])
        return try await withThrowingTaskGroup(of: (bytes: Int, sha256: String)?.self) { group in
            group.addTask {
                let chunk = 64 * 1024
                var offset = 0
                while offset < data.count {
                    let end = min(offset + chunk, data.count)
                    try await stream.write(ByteBuffer(bytes: data[offset..<end]))
                    offset = end
                }
                try await stream.closeWrite()
                return nil
            }
            group.addTask {
                var hash = SHA256()
                var count = 0
                while let chunk = try await stream.read() {
                    chunk.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
                    count += chunk.readableBytes
                }
                return (count, hex(hash.finalize()))
            }
            var received: (bytes: Int, sha256: String)?
            for try await result in group where result != nil { received = result }
            return received!
        }
    }

    /// `count` random bytes.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        return bytes
    }

    static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
