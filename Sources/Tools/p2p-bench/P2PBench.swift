import ArgumentParser
import Libp2p
import Logging
import Multiformats
import NIOCore

/// `p2p-bench`: throughput of one yamux stream and of 16 parallel streams over Noise between two libp2p
/// hosts on loopback, each against a plain TCP copy of the same bytes in the same run, and connection
/// upgrades (TCP + Noise XX + yamux + identify) per second. The Noise cipher alone on one core is printed too,
/// as the ceiling the single stream runs against.
@main
struct P2PBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "p2p-bench",
        abstract: "Measure libp2p (Noise + yamux) throughput against plain TCP on loopback, and handshakes per second.")

    @Flag(help: "A short run (about 10 seconds) with smaller transfers.")
    var quick = false

    @Option(name: .customLong("single-mib"), help: "MiB sent on the single stream (default 256, 32 with --quick).")
    var singleMiB: Int?

    @Option(name: .customLong("parallel-mib"), help: "MiB sent on each of the 16 parallel streams (default 16, 2 with --quick).")
    var parallelMiB: Int?

    @Option(name: .customLong("window-kib"), help: "Initial yamux stream window in KiB (default 256, the spec's; auto-tuning grows it).")
    var windowKiB: Int = 256

    @Option(help: "Seconds spent opening connections for the handshake rate (default 5, 2 with --quick).")
    var handshakeSeconds: Int?

    func run() async throws {
        var logger = Logger(label: "p2p-bench")
        logger.logLevel = .error
        let single = (singleMiB ?? (quick ? 32 : 256)) * 1024 * 1024
        let perStream = (parallelMiB ?? (quick ? 2 : 16)) * 1024 * 1024
        let handshakeTime = Duration.seconds(handshakeSeconds ?? (quick ? 2 : 5))

        let pair = try await HostPair.start(initialWindow: UInt32(windowKiB) * 1024, logger: logger)
        defer { pair.stop() }
        let tcp = try await TCPSink.start()
        defer { tcp.stop() }

        print("p2p-bench: loopback, one process, \(System.coreCount) cores\n")
        var table = [["transfer", "libp2p MB/s", "plain TCP MB/s", "libp2p / TCP", "cipher alone MB/s", "libp2p / cipher"]]

        // Warm both paths (allocators, caches, yamux window auto-tuning).
        _ = try await pair.send(totalBytes: 8 * 1024 * 1024, streams: 1)
        _ = try await tcp.send(totalBytes: 8 * 1024 * 1024, connections: 1)

        for (label, streams, bytes) in [("1 stream", 1, single), ("16 streams", 16, perStream * 16)] {
            let p2p = try await pair.send(totalBytes: bytes, streams: streams)
            let plain = try await tcp.send(totalBytes: bytes, connections: 1)
            let cipher = try CipherCeiling.measure(totalBytes: bytes)
            let p2pRate = Throughput.megabytesPerSecond(bytes, p2p)
            let tcpRate = Throughput.megabytesPerSecond(bytes, plain)
            table.append([
                "\(label), \(bytes / 1024 / 1024) MiB", Throughput.format(p2pRate), Throughput.format(tcpRate),
                Throughput.format(p2pRate / tcpRate, digits: 2), Throughput.format(cipher), Throughput.format(p2pRate / cipher, digits: 2),
            ])
        }
        print(Throughput.render(table))
        print("plain TCP: one socket copying the same total bytes with the same 256 KiB writes.")
        print(
            "cipher alone: the Noise ChaCha20-Poly1305 sealing and opening the same bytes in full frames on one core, no I/O;\n"
                + "every byte sent over libp2p is sealed once and opened once, so this is the ceiling with one core doing both.\n")

        let handshakes = try await pair.handshakes(for: handshakeTime)
        print(
            "handshakes: \(handshakes.count) connections in \(Throughput.format(handshakes.seconds, digits: 2)) s = "
                + "\(Throughput.format(Double(handshakes.count) / handshakes.seconds, digits: 1)) per second "
                + "(TCP connect, multistream-select, Noise XX, yamux, identify; sequential)")
    }
}
