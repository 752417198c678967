import NIOCore
import Testing

@testable import MultistreamSelect

/// The negotiation as a pure state machine: two machines talking, byte transcripts, and hostile peers.
@Suite("multistream-select state machine")
struct MultistreamStateMachineTests {
    @Test("initiator falls back on na; the transcript matches the spec's example exchange")
    func fallbackOnNA() throws {
        var initiator = try MultistreamStateMachine.initiator(proposing: ["/tls/1.0.0", "/noise"])
        var responder = try MultistreamStateMachine.responder(supporting: ["/noise", "/plaintext/2.0.0"])

        var toResponder = initiator.start()
        #expect(hex(toResponder) == hex(MultistreamMessage.encode("/multistream/1.0.0")) + hex(MultistreamMessage.encode("/tls/1.0.0")))
        var toInitiator = responder.start()
        #expect(hex(toInitiator) == hex(MultistreamMessage.encode("/multistream/1.0.0")))

        // The responder reads the header and the pipelined proposal in one go and refuses it.
        let refusal = try responder.receive(&toResponder)
        #expect(refusal.outcome == nil)
        #expect(hex(refusal.output!) == "036e610a")
        toInitiator.writeImmutableBuffer(refusal.output!)

        // The initiator reads the header and the na, and proposes the next protocol.
        let next = try initiator.receive(&toInitiator)
        #expect(next.outcome == nil)
        #expect(hex(next.output!) == hex(MultistreamMessage.encode("/noise")))
        var second = next.output!

        let accept = try responder.receive(&second)
        #expect(accept.outcome == .selected("/noise"))
        var echo = accept.output!
        #expect(hex(echo) == hex(MultistreamMessage.encode("/noise")))
        let done = try initiator.receive(&echo)
        #expect(done.outcome == .selected("/noise"))
        #expect(done.output == nil)
        #expect(initiator.outcome == .selected("/noise") && responder.outcome == .selected("/noise"))
    }

    @Test("bytes pipelined behind the last message stay in the buffer for the protocol")
    func pipelinedData() throws {
        var responder = try MultistreamStateMachine.responder(supporting: ["/echo/1.0.0"])
        var input = ByteBuffer()
        MultistreamMessage.write("/multistream/1.0.0", into: &input)
        MultistreamMessage.write("/echo/1.0.0", into: &input)
        input.writeString("hello, right behind the proposal")
        let step = try responder.receive(&input)
        #expect(step.outcome == .selected("/echo/1.0.0"))
        #expect(input.readString(length: input.readableBytes) == "hello, right behind the proposal")

        // Called again after the outcome: nothing is consumed.
        var more = ByteBuffer(string: "more")
        #expect(try responder.receive(&more).outcome == nil)
        #expect(more.readableBytes == 4)
    }

    @Test("byte-at-a-time delivery gives the same result")
    func oneByteAtATime() throws {
        var initiator = try MultistreamStateMachine.initiator(proposing: ["/x", "/y"])
        var responder = try MultistreamStateMachine.responder(supporting: ["/y"])
        var wireToResponder = initiator.start()
        var wireToInitiator = responder.start()
        var bufferI = ByteBuffer(), bufferR = ByteBuffer()
        for _ in 0..<200 where initiator.outcome == nil || responder.outcome == nil {
            if let byte = wireToResponder.readInteger(as: UInt8.self) {
                bufferR.writeInteger(byte)
                if let out = try responder.receive(&bufferR).output { wireToInitiator.writeImmutableBuffer(out) }
            }
            if let byte = wireToInitiator.readInteger(as: UInt8.self) {
                bufferI.writeInteger(byte)
                if let out = try initiator.receive(&bufferI).output { wireToResponder.writeImmutableBuffer(out) }
            }
        }
        #expect(initiator.outcome == .selected("/y"))
        #expect(responder.outcome == .selected("/y"))
    }

    @Test("ls: the responder lists its protocols, the lister decodes them")
    func listing() throws {
        for format in [MultistreamListFormat.nested, .lines] {
            var lister = MultistreamStateMachine.lister()
            var responder = try MultistreamStateMachine.responder(
                supporting: ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"], configuration: .init(listFormat: format))
            var toResponder = lister.start()
            var toLister = responder.start()
            let answer = try responder.receive(&toResponder)
            #expect(answer.outcome == nil, "ls does not end the negotiation")
            toLister.writeImmutableBuffer(answer.output!)
            let listed = try lister.receive(&toLister)
            #expect(listed.outcome == .listed(["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"]), "format \(format)")
        }
    }

    @Test("a py-libp2p style ls answer, bytes as py-libp2p's encode_delim writes them")
    func pyListAnswer() throws {
        var lister = MultistreamStateMachine.lister()
        _ = lister.start()
        var input = MultistreamMessage.encode("/multistream/1.0.0")
        // encode_delim(("/ipfs/ping/1.0.0\n").encode()): varint(18) + body + "\n"
        input.writeBytes([18])
        input.writeString("/ipfs/ping/1.0.0\n\n")
        #expect(try lister.receive(&input).outcome == .listed(["/ipfs/ping/1.0.0"]))
    }

    @Test("wrong header, no common protocol, odd answers and endless proposals are errors, and stay errors")
    func failures() throws {
        var responder = try MultistreamStateMachine.responder(supporting: ["/a"])
        var wrongHeader = MultistreamMessage.encode("/multistream/2.0.0")
        #expect(kind { _ = try responder.receive(&wrongHeader) } == .versionMismatch)
        var again = MultistreamMessage.encode("/multistream/1.0.0")
        #expect(kind { _ = try responder.receive(&again) } == .versionMismatch, "a failed machine keeps failing")

        var initiator = try MultistreamStateMachine.initiator(proposing: ["/a", "/b"])
        _ = initiator.start()
        var answers = MultistreamMessage.encode("/multistream/1.0.0")
        MultistreamMessage.write("na", into: &answers)
        MultistreamMessage.write("na", into: &answers)
        do {
            _ = try initiator.receive(&answers)
            Issue.record("expected noCommonProtocol")
        } catch {
            #expect(error.kind == .noCommonProtocol)
            #expect(error.message.contains("/a, /b"), "the message names what we proposed")
        }

        var confused = try MultistreamStateMachine.initiator(proposing: ["/a"])
        var odd = MultistreamMessage.encode("/multistream/1.0.0")
        MultistreamMessage.write("/something-else", into: &odd)
        #expect(kind { _ = try confused.receive(&odd) } == .unexpectedResponse)

        var patient = try MultistreamStateMachine.responder(supporting: ["/a"], configuration: .init(maxProposals: 5))
        var spam = MultistreamMessage.encode("/multistream/1.0.0")
        for index in 0..<10 { MultistreamMessage.write("/nope/\(index)", into: &spam) }
        #expect(kind { _ = try patient.receive(&spam) } == .tooManyAttempts)
    }

    @Test("20 000 random and mutated inputs never trap")
    func fuzz() throws {
        var generator = SplitMix64(seed: 0x6d75_6c74_6973_7472)
        var valid = MultistreamMessage.encode("/multistream/1.0.0")
        MultistreamMessage.write("/a", into: &valid)
        MultistreamMessage.write("ls", into: &valid)
        let template = Array(valid.readableBytesView)
        var outcomes = 0, errors = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                bytes = template
                for _ in 0..<(1 + generator.next() % 4) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            var machine: MultistreamStateMachine
            switch round % 3 {
            case 0: machine = try .responder(supporting: ["/a", "/b"])
            case 1: machine = try .initiator(proposing: ["/a", "/b"])
            default: machine = .lister()
            }
            var buffer = ByteBuffer(bytes: bytes)
            do {
                if try machine.receive(&buffer).outcome != nil { outcomes += 1 }
            } catch {
                errors += 1
            }
        }
        #expect(errors > 1000)
        #expect(outcomes > 0, "some mutations leave a valid negotiation")
    }
}

/// A small deterministic PRNG so fuzz rounds are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
