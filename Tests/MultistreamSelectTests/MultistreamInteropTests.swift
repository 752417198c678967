import InteropSupport
import NIOCore
import Testing

@testable import MultistreamSelect

/// Our negotiator against py-libp2p 0.8.1's multistream-select (libp2p.protocol_muxer), over the
/// stdin/stdout of Tests/Interop/multistream_peer.py. Skipped when no Python with py-libp2p is found
/// (`$LOTUS_TEST_PYTHON`, `<repo>/.venv-interop`, `python3`).
@Suite("multistream-select interop with py-libp2p", .serialized)
struct MultistreamInteropTests {
    static let module = "libp2p.protocol_muxer.multiselect"
    static let hello = "hello from python\n"

    @Test(
        "we propose, py-libp2p refuses the first with na and accepts the second; its pipelined bytes survive")
    func weSelect() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let peer = try ProcessTransport(
            python: python, script: "multistream_peer.py", arguments: ["listen", "/echo/1.0.0", "/ipfs/ping/1.0.0"])
        let result = try await MultistreamNegotiator().select(["/yamux/1.0.0", "/ipfs/ping/1.0.0"], over: peer)
        #expect(result.protocolID == "/ipfs/ping/1.0.0")
        #expect(try await readAll(after: result, from: peer) == Self.hello)
        let done = try await peer.finish()
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stderr.contains("selected /ipfs/ping/1.0.0"), "\(done.stderr)")
    }

    @Test(
        "py-libp2p proposes, we answer na then accept")
    func theySelect() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let peer = try ProcessTransport(python: python, script: "multistream_peer.py", arguments: ["dial", "/mplex/6.7.0", "/yamux/1.0.0"])
        let result = try await MultistreamNegotiator().accept(["/yamux/1.0.0", "/noise"], over: peer)
        #expect(result.protocolID == "/yamux/1.0.0")
        #expect(try await readAll(after: result, from: peer) == Self.hello)
        let done = try await peer.finish()
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stderr.contains("selected /yamux/1.0.0"), "\(done.stderr)")
    }

    @Test(
        "py-libp2p's ls reads our list when we answer in its newline format")
    func theyList() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let peer = try ProcessTransport(python: python, script: "multistream_peer.py", arguments: ["ls"])
        let negotiator = MultistreamNegotiator(configuration: .init(listFormat: .lines))
        // py-libp2p closes after the list: our responder sees the stream end, which is expected here.
        do {
            _ = try await negotiator.accept(["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"], over: peer)
            Issue.record("ls alone must not select a protocol")
        } catch let error as MultistreamError {
            #expect(error.kind == .connectionClosed)
        }
        let done = try await peer.finish()
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stderr.contains("listed /ipfs/id/1.0.0 /ipfs/ping/1.0.0"), "\(done.stderr)")
    }

    @Test(
        "we ls py-libp2p and decode its newline-format answer")
    func weList() async throws {
        let python = try #require(await InteropPython.interpreter(with: Self.module))
        let peer = try ProcessTransport(
            python: python, script: "multistream_peer.py", arguments: ["listen", "/echo/1.0.0", "/ipfs/ping/1.0.0"])
        #expect(try await MultistreamNegotiator().listProtocols(over: peer) == ["/echo/1.0.0", "/ipfs/ping/1.0.0"])
        _ = try await peer.finish()
    }

    /// The protocol's first bytes: the remainder, then reads until `hello` is complete.
    func readAll(after result: MultistreamNegotiation, from peer: ProcessTransport) async throws -> String {
        var data = result.remainder
        while data.readableBytes < Self.hello.utf8.count, let more = try await peer.read() {
            data.writeImmutableBuffer(more)
        }
        return data.readString(length: data.readableBytes) ?? ""
    }
}
