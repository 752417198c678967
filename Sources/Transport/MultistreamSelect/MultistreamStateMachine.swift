import NIOCore

/// multistream-select 1.0 as a pure state machine: bytes in, bytes out, no I/O.
///
/// Make one with ``initiator(proposing:configuration:)``, ``responder(supporting:configuration:)`` or
/// ``lister(configuration:)``, send what ``start()`` returns, then hand every received buffer to
/// ``receive(_:)`` and send each ``Step/output``. When a step carries an ``Outcome`` the negotiation
/// is over and the bytes still readable in the buffer belong to the negotiated protocol.
///
/// ```
/// initiator                               responder
///   /multistream/1.0.0 + /noise     →
///                                   ←     /multistream/1.0.0
///                                   ←     na            (or /noise: selected)
///   /plaintext/2.0.0                →
///                                   ←     /plaintext/2.0.0   → .selected("/plaintext/2.0.0")
/// ```
public struct MultistreamStateMachine: Sendable {
    /// How a negotiation ended.
    public enum Outcome: Sendable, Hashable {
        /// Both sides agreed on this protocol.
        case selected(String)
        /// The responder listed these protocols (the ``lister(configuration:)`` role).
        case listed([String])
    }

    /// What one call to ``receive(_:)`` produced.
    public struct Step: Sendable {
        /// Bytes to send to the peer, if any.
        public var output: ByteBuffer?
        /// Set once the negotiation is over.
        public var outcome: Outcome?
    }

    private enum Role: Sendable {
        case initiator([String])
        case responder([String], Set<String>)
        case lister
    }

    private enum State: Sendable {
        case idle
        case awaitingHeader
        /// Initiator: waiting for the answer to `proposals[index]`.
        case awaitingAnswer(index: Int)
        /// Responder: waiting for a proposal; `answered` proposals were refused so far.
        case awaitingProposal(answered: Int)
        case awaitingList
        case done(Outcome)
        case failed(MultistreamError)
    }

    private let role: Role
    private let configuration: MultistreamConfiguration
    private var state: State = .idle

    private init(role: Role, configuration: MultistreamConfiguration) {
        self.role = role
        self.configuration = configuration
    }

    /// The dialling side: proposes `protocols` in order, moving on at each `na`.
    /// - Throws: ``MultistreamError`` `.invalidProtocolID` if a protocol ID breaks the rules or the list is empty.
    public static func initiator(
        proposing protocols: [String], configuration: MultistreamConfiguration = .defaults
    ) throws(MultistreamError) -> MultistreamStateMachine {
        try MultistreamProtocolID.validate(protocols, role: "initiator", maxMessageLength: configuration.maxMessageLength)
        return MultistreamStateMachine(role: .initiator(protocols), configuration: configuration)
    }

    /// The listening side: accepts the first proposal that is in `protocols`, answers `ls` with `protocols` in order.
    /// - Throws: ``MultistreamError`` `.invalidProtocolID` if a protocol ID breaks the rules or the list is empty.
    public static func responder(
        supporting protocols: [String], configuration: MultistreamConfiguration = .defaults
    ) throws(MultistreamError) -> MultistreamStateMachine {
        try MultistreamProtocolID.validate(protocols, role: "responder", maxMessageLength: configuration.maxMessageLength)
        return MultistreamStateMachine(role: .responder(protocols, Set(protocols)), configuration: configuration)
    }

    /// A dialling side that only asks the responder for its protocol list (`ls`).
    public static func lister(configuration: MultistreamConfiguration = .defaults) -> MultistreamStateMachine {
        MultistreamStateMachine(role: .lister, configuration: configuration)
    }

    /// The outcome, once the negotiation is over.
    public var outcome: Outcome? {
        if case .done(let outcome) = state { return outcome }
        return nil
    }

    /// The bytes to send first: the header, plus the first proposal (initiator) or `ls` (lister).
    /// Calling it again returns an empty buffer.
    public mutating func start() -> ByteBuffer {
        guard case .idle = state else { return ByteBuffer() }
        var out = ByteBuffer()
        MultistreamMessage.write(MultistreamMessage.header, into: &out)
        switch role {
        case .initiator(let protocols): MultistreamMessage.write(protocols[0], into: &out)
        case .lister: MultistreamMessage.write(MultistreamMessage.list, into: &out)
        case .responder: break
        }
        state = .awaitingHeader
        return out
    }

    /// Consumes complete messages from the front of `buffer` until the negotiation is over or the
    /// buffer holds only part of a message (that part stays in `buffer` for the next call).
    ///
    /// Calls ``start()`` first if it was not called. After an outcome nothing more is consumed.
    /// - Throws: ``MultistreamError``; the machine then stays failed and throws the same error again.
    public mutating func receive(_ buffer: inout ByteBuffer) throws(MultistreamError) -> Step {
        var step = Step()
        if case .idle = state { step.output = start() }
        do throws(MultistreamError) {
            while step.outcome == nil {
                switch state {
                case .done: return step
                case .failed(let error): throw error
                case .idle: preconditionFailure("started above")
                case .awaitingList:
                    guard let body = try MultistreamMessage.readBody(from: &buffer, maxLength: configuration.maxListLength) else { return step }
                    let outcome = Outcome.listed(try MultistreamProtocolList.decode(body))
                    state = .done(outcome)
                    step.outcome = outcome
                case .awaitingHeader, .awaitingAnswer, .awaitingProposal:
                    guard let message = try MultistreamMessage.readText(from: &buffer, maxLength: configuration.maxMessageLength) else { return step }
                    if let reply = try handle(message, outcome: &step.outcome) {
                        if step.output == nil { step.output = ByteBuffer() }
                        step.output!.writeImmutableBuffer(reply)
                    }
                }
            }
            return step
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// One message in a text-reading state; returns the reply to send, if any.
    private mutating func handle(_ message: String, outcome: inout Outcome?) throws(MultistreamError) -> ByteBuffer? {
        switch (state, role) {
        case (.awaitingHeader, _):
            guard message == MultistreamMessage.header else {
                throw MultistreamError(.versionMismatch, "the peer opened with \(Self.quote(message)) instead of \"\(MultistreamMessage.header)\"; it does not speak multistream-select 1.0")
            }
            switch role {
            case .initiator: state = .awaitingAnswer(index: 0)
            case .responder: state = .awaitingProposal(answered: 0)
            case .lister: state = .awaitingList
            }
            return nil

        case (.awaitingAnswer(let index), .initiator(let protocols)):
            if message == protocols[index] {
                outcome = .selected(message)
                state = .done(.selected(message))
                return nil
            }
            guard message == MultistreamMessage.notAvailable else {
                throw MultistreamError(.unexpectedResponse, "proposed \"\(protocols[index])\" and the peer answered \(Self.quote(message)) instead of echoing it or \"na\"")
            }
            guard index + 1 < protocols.count else {
                throw MultistreamError(.noCommonProtocol, "the peer supports none of the protocols we proposed: \(protocols.joined(separator: ", "))")
            }
            state = .awaitingAnswer(index: index + 1)
            return MultistreamMessage.encode(protocols[index + 1])

        case (.awaitingProposal(let answered), .responder(let protocols, let supported)):
            if supported.contains(message) {
                outcome = .selected(message)
                state = .done(.selected(message))
                return MultistreamMessage.encode(message)
            }
            guard answered + 1 < configuration.maxProposals else {
                throw MultistreamError(.tooManyAttempts, "the peer proposed \(configuration.maxProposals) protocols without choosing one we support (\(protocols.joined(separator: ", ")))")
            }
            state = .awaitingProposal(answered: answered + 1)
            if message == MultistreamMessage.list {
                var reply = ByteBuffer()
                MultistreamMessage.write(body: MultistreamProtocolList.encode(protocols, format: configuration.listFormat), into: &reply)
                return reply
            }
            return MultistreamMessage.encode(MultistreamMessage.notAvailable)

        default:
            preconditionFailure("state and role disagree")
        }
    }

    /// A peer's text for an error message: quoted, escaped, at most 64 characters.
    static func quote(_ text: String) -> String {
        let short = text.count > 64 ? String(text.prefix(64)) + "…" : text
        return short.debugDescription
    }
}
