import APICore
import DaemonNode
import FullNode
import Foundation
import HTTP2Transport
import JSONRPC
import MeshTestKit
import TestScheduling
import Testing

/// A handler ends with its client: waits and subscriptions whose HTTP/2 stream is reset are cancelled, so however
/// many clients come and go, the daemon's waits, subscriptions and memory stay flat.
@Suite("Disconnecting clients")
struct DisconnectTests {
    /// 10,000 resets per kind, 100 at a time (the server's stream limit).
    static let resets = 10_000
    static let batch = 100

    /// Behind `LOTUS_SOAK=1`: alone it takes 5–30 s, but beside the whole suite on a loaded 2-core machine it took
    /// up to 5 minutes and once lost its connection, so the short suite does not run it.
    @Test(
        "reset StateWaitMsg waits and ChainNotify subscriptions are cancelled; waits, subscriptions and memory stay flat",
        .enabled(if: ProcessInfo.processInfo.environment["LOTUS_SOAK"] == "1"))
    func resetWaitsAreCancelled() async throws {
        try await Mesh.with(MeshCase(topology: .monolith, transport: .http2), chain: true) { mesh in
            let daemon = try #require(mesh.daemon)
            let transport = HTTP2ClientTransport(
                endpoint: try APIEndpoint.parse(daemon.address), path: "/rpc/v1", token: nil, maxConcurrentStreams: Self.batch)
            let unknown = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4"
            let wait = Array(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.StateWaitMsg","params":[{"/":"\#(unknown)"},0,-1,true]}"#.utf8)
            let notify = Array(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.ChainNotify","params":[]}"#.utf8)
            var baseline = 0
            for round in 0..<(Self.resets / Self.batch) {
                for (body, kind) in [(wait, \FullNodeCounts.waits), (notify, \FullNodeCounts.subscriptions)] {
                    var open: [AsyncThrowingStream<[UInt8], any Error>] = []
                    for _ in 0..<Self.batch { open.append(try await transport.openStream(body)) }
                    let started = await Self.poll { await FullNodeCounts(daemon)[keyPath: kind] >= Self.batch }
                    #expect(started, "round \(round): the server runs all \(Self.batch) handlers")
                    open.removeAll()  // drops the streams: each is reset
                    let ended = await Self.poll { await FullNodeCounts(daemon)[keyPath: kind] == 0 }
                    #expect(ended, "round \(round): every reset handler was cancelled")
                    guard started, ended else { return }
                }
                if round == 1 { baseline = Self.residentBytes() }
            }
            let growth = Self.residentBytes() - baseline
            #expect(growth < 64 << 20, "resident memory grew by \(growth >> 20) MiB over \(Self.resets) resets of each kind")
            let head = try await transport.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.ChainHead","params":[]}"#.utf8))
            #expect(head.status == 200)
            await transport.close()
        }
    }

    /// Polls `condition` every 10 ms for up to 60 s (``TestTime/scaled(_:)``; a loaded machine runs the whole suite
    /// beside it).
    static func poll(_ condition: () async -> Bool) async -> Bool {
        await TestTime.poll(within: .seconds(60), every: .milliseconds(10), condition)
    }

    /// This process's resident set size, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// The daemon's waits and subscriptions in progress.
struct FullNodeCounts {
    var waits: Int
    var subscriptions: Int

    init(_ daemon: MeshDaemon) async {
        (waits, subscriptions) = await daemon.node.fullNode.waitsAndSubscriptions
    }
}
