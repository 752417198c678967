import Libp2p
import Multiformats
import TestScheduling
import Testing

/// Our libp2p host against py-libp2p 0.8.1 (a libp2p we did not write), both directions on 127.0.0.1, over
/// TCP + Noise + yamux: ping, identify, and the echo protocol moving 8 MiB each way on 16 parallel streams.
///
/// Runbook: `scripts/install-test-deps` creates `.venv-interop` with `libp2p==0.8.1`; then
/// `swift test --filter PyLibp2pInteropTests`. Without the venv every test fails saying so.
@Suite("py-libp2p interop", .serialized, .timingSensitive, .timeLimit(TestTime.limit(minutes: 5)))
struct PyLibp2pInteropTests {
    static let streams = 16
    static let bytesPerStream = 8 * 1024 * 1024

    /// Starts a py-libp2p listener and returns it with its peer ID and address.
    static func pythonListener() async throws -> (peer: PythonPeer, id: PeerID, address: Multiaddr) {
        let python = try PythonPeer(["listen"])
        do {
            let ready = try await python.next("ready", timeout: .seconds(60)).decode(PeerEvents.Ready.self)
            let id = try PeerID(ready.id)
            let address = try Multiaddr(try #require(ready.addrs.first) + "/p2p/" + ready.id)
            return (python, id, address)
        } catch {
            await python.stop()
            throw error
        }
    }

    /// The address a Python dialer uses to reach `host`.
    static func dialAddress(_ host: Libp2pHost) throws -> String {
        "\(try #require(host.listenAddresses.first))/p2p/\(host.peerID)"
    }

    @Test("Our host pings py-libp2p")
    func swiftPingsPython() async throws {
        let python = try await Self.pythonListener()
        defer { python.peer.kill() }
        try await RunningHost.with { host, _ in
            let remote = try await host.connect(python.address)
            #expect(remote == python.id, "the Noise handshake proved the listener's peer ID")
            let rtts = try await host.ping(remote, count: 5)
            #expect(rtts.count == 5)
            #expect(rtts.allSatisfy { $0 > .zero }, "\(rtts)")
        }
        #expect(await python.peer.stop() == 0, "\(python.peer.transcript)")
    }

    @Test("py-libp2p pings our host")
    func pythonPingsSwift() async throws {
        try await RunningHost.with { host, _ in
            let python = try PythonPeer(["dial", try Self.dialAddress(host), "--ping", "5"])
            defer { python.kill() }
            let connected = try await python.next("connected")
            _ = connected
            var pongs: [PeerEvents.Ping] = []
            for _ in 0..<5 { pongs.append(try await python.next("ping").decode(PeerEvents.Ping.self)) }
            let done = try await python.next("done").decode(PeerEvents.Done.self)
            let everyPingEchoed = pongs.allSatisfy { $0.ok }
            #expect(everyPingEchoed, "py-libp2p got its 32 bytes back each time: \(python.transcript)")
            #expect(done.ok, "\(python.transcript)")
            #expect(await python.stop() == 0, "\(python.transcript)")
        }
    }

    @Test("Identify of py-libp2p: its peer ID, listen address, protocols and agent")
    func swiftIdentifiesPython() async throws {
        let python = try await Self.pythonListener()
        defer { python.peer.kill() }
        try await RunningHost.with { host, _ in
            let remote = try await host.connect(python.address)
            let info = try await Self.identifyInfo(host, remote)
            #expect(info.publicKey.peerID == python.id, "the identify key is the key the connection proved")
            #expect(info.agentVersion == "py-libp2p/0.8.1")
            #expect(info.protocolVersion == "ipfs/0.1.0")
            #expect(info.listenAddresses.map(\.description).contains(python.address.decapsulate(.p2p).description), "\(info.listenAddresses)")
            #expect(Set(info.protocols).isSuperset(of: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", RunningHost.echoProtocol]), "\(info.protocols)")
            let observed = try #require(info.observedAddress, "py-libp2p reports the address it sees us at")
            #expect(observed.description.hasPrefix("/ip4/127.0.0.1/tcp/"), "\(observed)")
        }
    }

    @Test("Identify of our host as py-libp2p reads it: peer ID, announced addresses, protocols, agent")
    func pythonIdentifiesSwift() async throws {
        try await RunningHost.with { host, _ in
            // --hold: py-libp2p keeps the connection until its stdin is closed, so the connection it observed is
            // still in our list when we look (a loaded CI run once found it gone).
            let python = try PythonPeer(["dial", try Self.dialAddress(host), "--identify", "--hold"])
            defer { python.kill() }
            let identify = try await python.next("identify").decode(PeerEvents.Identify.self)
            _ = try await python.next("holding")
            #expect(identify.peerID == host.peerID.description)
            #expect(identify.listenAddrs == host.announcedAddresses.map(\.description))
            #expect(identify.listenAddrs.first?.hasPrefix("/ip4/127.0.0.1/tcp/") == true, "\(identify.listenAddrs)")
            #expect(Set(identify.protocols) == Set(host.protocols), "\(identify.protocols) vs \(host.protocols)")
            #expect(Set(identify.protocols).isSuperset(of: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", RunningHost.echoProtocol]))
            #expect(identify.agentVersion == RunningHost.agentVersion)
            #expect(identify.protocolVersion == "ipfs/0.1.0")
            let seen = host.connectedPeers().map(\.remoteAddress.description)
            #expect(seen.contains(identify.observedAddr), "we told py-libp2p the address we see it at: \(identify.observedAddr) in \(seen)")
            #expect(await python.stop() == 0, "\(python.transcript)")
            #expect(try await python.next("done").decode(PeerEvents.Done.self).ok)
        }
    }

    @Test("Echo, our host dialling: 16 parallel streams × 8 MiB each way, sha256 equal on both sides")
    func swiftEchoesThroughPython() async throws {
        let python = try await Self.pythonListener()
        defer { python.peer.kill() }
        let payloads = (0..<Self.streams).map { _ in RunningHost.randomBytes(Self.bytesPerStream) }
        let sent = payloads.map(RunningHost.sha256)
        try await RunningHost.with { host, _ in
            let remote = try await host.connect(python.address)
            let echoed = try await withThrowingTaskGroup(of: (Int, (bytes: Int, sha256: String)).self) { group in
                for (index, payload) in payloads.enumerated() {
                    group.addTask { (index, try await RunningHost.echoRoundTrip(host, to: remote, data: payload)) }
                }
                var results = [(bytes: Int, sha256: String)](repeating: (0, ""), count: payloads.count)
                for try await (index, result) in group { results[index] = result }
                return results
            }
            for index in payloads.indices {
                #expect(echoed[index].bytes == Self.bytesPerStream, "stream \(index)")
                #expect(echoed[index].sha256 == sent[index], "stream \(index): the bytes came back unchanged")
            }
            var pythonSaw: [String] = []
            for _ in payloads.indices {
                let echo = try await python.peer.next("echo").decode(PeerEvents.Echo.self)
                #expect(echo.bytes == Self.bytesPerStream)
                #expect(echo.peer == host.peerID.description)
                pythonSaw.append(echo.sha256)
            }
            #expect(Set(pythonSaw) == Set(sent), "py-libp2p received exactly what we sent, per stream")
        }
    }

    @Test("Echo, py-libp2p dialling: 16 parallel streams × 8 MiB each way, sha256 equal on both sides")
    func pythonEchoesThroughSwift() async throws {
        try await RunningHost.with { host, log in
            let python = try PythonPeer([
                "dial", try Self.dialAddress(host), "--echo-streams", "\(Self.streams)", "--echo-bytes", "\(Self.bytesPerStream)",
            ])
            defer { python.kill() }
            var streams: [PeerEvents.EchoStream] = []
            for _ in 0..<Self.streams {
                streams.append(try await python.next("echo-stream", timeout: .seconds(240)).decode(PeerEvents.EchoStream.self))
            }
            #expect(try await python.next("done").decode(PeerEvents.Done.self).ok, "\(python.transcript)")
            #expect(await python.stop() == 0, "\(python.transcript)")
            for stream in streams {
                #expect(stream.received == Self.bytesPerStream, "stream \(stream.index)")
                #expect(stream.receivedSHA256 == stream.sentSHA256, "stream \(stream.index): py-libp2p got its bytes back unchanged")
            }
            let swiftSaw = log.all
            #expect(swiftSaw.count == Self.streams)
            #expect(swiftSaw.allSatisfy { $0.bytes == Self.bytesPerStream })
            #expect(Set(swiftSaw.map(\.sha256)) == Set(streams.map(\.sentSHA256)), "our handler received exactly what py-libp2p sent")
        }
    }

    /// Identify runs in the background after a connection opens; waits for its result.
    static func identifyInfo(_ host: Libp2pHost, _ peer: PeerID) async throws -> IdentifyInfo {
        for _ in 0..<300 {
            if let info = host.identifyInfo(peer) { return info }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no identify result from \(peer) within 15 s")
        throw CancellationError()
    }
}
