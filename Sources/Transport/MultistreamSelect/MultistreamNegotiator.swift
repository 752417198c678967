import NIOCore

/// multistream-select over an abstract duplex stream (``MultistreamTransport``), for streams that
/// are not NIO channels, such as yamux streams.
///
/// ```swift
/// let negotiator = MultistreamNegotiator()
/// let result = try await negotiator.select(["/ipfs/id/1.0.0"], over: stream)
/// process(result.remainder)            // bytes the peer sent right behind its answer
/// ```
public struct MultistreamNegotiator: Sendable {
    /// Limits for each negotiation.
    public var configuration: MultistreamConfiguration

    /// Creates a negotiator with `configuration`.
    public init(configuration: MultistreamConfiguration = .defaults) {
        self.configuration = configuration
    }

    /// As the dialling side, proposes `protocols` in order until the peer accepts one.
    /// - Throws: ``MultistreamError`` (`.noCommonProtocol` when the peer refuses all, `.connectionClosed`
    ///   when the stream ends first, ...), or the transport's own errors.
    public func select(_ protocols: [String], over transport: some MultistreamTransport) async throws -> MultistreamNegotiation {
        try await run(.initiator(proposing: protocols, configuration: configuration), over: transport)
    }

    /// As the listening side, accepts the first proposal that is one of `protocols`.
    /// - Throws: ``MultistreamError`` or the transport's own errors.
    public func accept(_ protocols: [String], over transport: some MultistreamTransport) async throws -> MultistreamNegotiation {
        try await run(.responder(supporting: protocols, configuration: configuration), over: transport)
    }

    /// Asks the peer which protocols it supports (`ls`). The stream is not usable for a protocol afterwards.
    /// - Throws: ``MultistreamError`` or the transport's own errors.
    public func listProtocols(over transport: some MultistreamTransport) async throws -> [String] {
        var machine = MultistreamStateMachine.lister(configuration: configuration)
        let (outcome, _) = try await drive(&machine, over: transport)
        guard case .listed(let protocols) = outcome else {
            throw MultistreamError(.unexpectedResponse, "the peer did not answer ls with a protocol list")
        }
        return protocols
    }

    private func run(_ machine: MultistreamStateMachine, over transport: some MultistreamTransport) async throws -> MultistreamNegotiation {
        var machine = machine
        let (outcome, remainder) = try await drive(&machine, over: transport)
        guard case .selected(let protocolID) = outcome else {
            throw MultistreamError(.unexpectedResponse, "the negotiation ended without selecting a protocol")
        }
        return MultistreamNegotiation(protocolID: protocolID, remainder: remainder)
    }

    private func drive(
        _ machine: inout MultistreamStateMachine, over transport: some MultistreamTransport
    ) async throws -> (MultistreamStateMachine.Outcome, ByteBuffer) {
        try await transport.write(machine.start())
        var received = ByteBuffer()
        while true {
            guard let chunk = try await transport.read() else {
                throw MultistreamError(.connectionClosed, "the stream ended during multistream-select negotiation (after \(received.readableBytes) unread bytes)")
            }
            if received.readableBytes == 0 {
                received = chunk
            } else {
                received.writeImmutableBuffer(chunk)
            }
            let step = try machine.receive(&received)
            if let output = step.output, output.readableBytes > 0 {
                try await transport.write(output)
            }
            if let outcome = step.outcome {
                return (outcome, received)
            }
        }
    }
}
