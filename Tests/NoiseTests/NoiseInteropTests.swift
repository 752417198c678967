import InteropSupport
import Crypto
import Testing

@testable import Noise

/// Our Noise XX state machine against an implementation we did not write: the `noiseprotocol`
/// Python package (`import noise`), driving Tests/Interop/noise_xx_peer.py over pipes.
///
/// Python is found by ``InteropSupport/InteropPython/interpreter(with:)``: `$LOTUS_TEST_PYTHON`, then
/// the venv at `<repo>/.venv-interop` (`scripts/install-test-deps`), then `python3`. Without
/// `noiseprotocol` the tests fail and say so.
@Suite("Noise XX interop with python noiseprotocol", .serialized)
struct NoiseInteropTests {
    @Test(
        "handshake, handshake hash, static keys and echoed transport messages agree",
        arguments: [NoiseHandshakeState.Role.initiator, .responder])
    func interop(ourRole: NoiseHandshakeState.Role) async throws {
        let python = try #require(await InteropPython.interpreter(with: "noise.connection"))
        let ours = Curve25519.KeyAgreement.PrivateKey()
        let theirs = Curve25519.KeyAgreement.PrivateKey()
        let theirRole = ourRole == .initiator ? "responder" : "initiator"
        let sizes = [0, 1, 100, 4096, NoiseTransportHandler.maxPlaintextPerFrame]

        let outcome = try await InteropPython.onThread { () -> (report: [String], status: Int32, stderr: String) in
            let peer = try FramedProcess(
                python: python, script: "noise_xx_peer.py", arguments: [theirRole, hex(theirs.rawRepresentation)])
            var report: [String] = []
            do {
                var state = NoiseHandshakeState(role: ourRole, staticKey: ours)
                for index in 1...3 {
                    if state.isWriting {
                        try peer.send(try state.writeMessage(payload: Array("swift message \(index)".utf8)))
                    } else {
                        let frame = try peer.receive() ?? []
                        let payload = try state.readMessage(frame)
                        if payload != Array("python message \(index)".utf8) { report.append("payload \(index): \(payload)") }
                    }
                }
                if state.remoteStaticKey != Array(theirs.publicKey.rawRepresentation) { report.append("remote static key differs") }
                var (send, receive) = try state.split()
                let proof = try receive.decrypt(ad: [UInt8](), ciphertext: try peer.receive() ?? [])
                if Array(proof.prefix(32)) != state.handshakeHash { report.append("handshake hash differs") }
                if Array(proof.dropFirst(32)) != Array(ours.publicKey.rawRepresentation) { report.append("python saw another static key") }
                for size in sizes {
                    let message = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ size) }
                    try peer.send(try send.encrypt(ad: [UInt8](), plaintext: message))
                    let echo = try receive.decrypt(ad: [UInt8](), ciphertext: try peer.receive() ?? [])
                    if echo != message { report.append("echo of \(size) bytes differs") }
                }
            } catch {
                report.append("error: \(error)")
            }
            let (status, stderr) = peer.finish()
            return (report, status, stderr)
        }
        #expect(outcome.report.isEmpty, "\(outcome.report) — python stderr: \(outcome.stderr)")
        #expect(outcome.status == 0, "python stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains("ok \(theirRole) echoed \(sizes.count)"), "\(outcome.stderr)")
    }

    @Test(
        "a message tampered on its way from python fails authentication")
    func tamperedFromPython() async throws {
        let python = try #require(await InteropPython.interpreter(with: "noise.connection"))
        let error = try await InteropPython.onThread { () -> NoiseError? in
            let peer = try FramedProcess(
                python: python, script: "noise_xx_peer.py", arguments: ["responder", hex(Curve25519.KeyAgreement.PrivateKey().rawRepresentation)])
            defer { _ = peer.finish() }
            var state = NoiseHandshakeState(role: .initiator, staticKey: .init())
            try peer.send(try state.writeMessage(payload: Array("swift message 1".utf8)))
            var message2 = try peer.receive() ?? []
            guard message2.count >= 96 else { return NoiseError(.connectionClosed, "python sent \(message2.count) bytes") }
            message2[40] ^= 0x80  // inside the encrypted static key
            do {
                _ = try state.readMessage(message2)
                return nil
            } catch let error as NoiseError {
                return error
            }
        }
        #expect(error?.kind == .decryptionFailed)
    }
}
