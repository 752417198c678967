import APICore
import JSONRPC

/// Calls every method of each target with params generated from the method's own definition: well-formed samples
/// of each param type (``ShapeSynthesizer``), then hostile mutations (``JSONMutator``), wrong param counts and odd
/// ids, with and without a token. After each method's batch the node must still answer `Version`; if it does not,
/// the batch's inputs are reported as the crash.
public struct RPCFuzzer: Sendable {
    /// How a run is shaped.
    public struct Options: Sendable {
        /// Calls per method per target.
        public var callsPerMethod: Int
        /// The seed (the same seed and the same node state give the same inputs).
        public var seed: UInt64
        /// Calls in flight at once per method.
        public var parallel: Int
        /// How long a channel call's first message may take before the call counts as a timeout.
        public var callTimeout: Duration

        /// Options for a run.
        public init(callsPerMethod: Int, seed: UInt64, parallel: Int = 16, callTimeout: Duration = .seconds(2)) {
            self.callsPerMethod = callsPerMethod
            self.seed = seed
            self.parallel = parallel
            self.callTimeout = callTimeout
        }
    }

    /// One generated call.
    struct Call: Sendable {
        var method: any MethodDescriptor
        var withToken: Bool
        var body: String
    }

    public let options: Options

    /// A fuzzer with `options`.
    public init(options: Options) { self.options = options }

    /// Fuzzes every method of every target in turn; returns the counts and failures. Stops fuzzing a target once it
    /// no longer answers.
    public func run(_ targets: [FuzzTarget], progress: @Sendable (String) -> Void = { _ in }) async -> FuzzReport {
        var report = FuzzReport(seed: options.seed)
        var random = FuzzRandom(seed: options.seed)
        var pool = SamplePool()
        for target in targets {
            methods: for method in target.methods.sorted(by: { $0.name < $1.name }) {
                var remaining = options.callsPerMethod
                while remaining > 0 {
                    let batch = (0..<min(remaining, max(options.parallel, 1) * 4)).map { _ in
                        makeCall(method, target: target, pool: pool, random: &random)
                    }
                    remaining -= batch.count
                    let outcomes = await execute(batch, on: target)
                    for (call, outcome) in zip(batch, outcomes) {
                        report.record(target.name, method.name, outcome.outcome)
                        pool.learn(FuzzReplyStrings.literals(in: outcome.reply))
                        if outcome.outcome == .malformed {
                            report.failures.append(
                                .init(target: target.name, method: method.name, withToken: call.withToken, request: call.body,
                                      what: "reply is not JSON-RPC: \(String(decoding: outcome.reply.prefix(300), as: UTF8.self))"))
                        }
                    }
                    if await !isAlive(target) {
                        for call in batch {
                            report.failures.append(
                                .init(target: target.name, method: method.name, withToken: call.withToken, request: call.body,
                                      what: "the node stopped answering Version after this batch (one of its calls crashed it)"))
                        }
                        break methods
                    }
                }
                progress("\(target.name) \(method.name): \(report.calls(target.name, method.name)) calls")
            }
        }
        return report
    }

    func makeCall(_ method: any MethodDescriptor, target: FuzzTarget, pool: SamplePool, random: inout FuzzRandom) -> Call {
        var params = JSONValue.array(method.parameterTypes.map { ShapeSynthesizer.sample($0, pool: pool, random: &random) })
        if random.chance(1, in: 2) { params = JSONMutator.mutate(params, count: Int.random(in: 1...3, using: &random), random: &random) }
        if random.chance(1, in: 10), case .array(var list) = params {
            if list.isEmpty || random.chance(1, in: 2) { list.append(JSONMutator.anyValue(random: &random)) } else { list.removeLast() }
            params = .array(list)
        }
        if random.chance(1, in: 30) { params = JSONMutator.anyValue(random: &random) }
        let id: JSONValue = random.chance(1, in: 20) ? JSONMutator.anyValue(random: &random) : .number(String(random.next() >> 12))
        let withToken = !FuzzTarget.notCalledWithToken.contains(method.name) && random.chance(3, in: 4)
        let envelope = JSONValue.object([
            ("jsonrpc", .string("2.0")), ("id", id), ("method", .string(method.wireName)), ("params", params),
        ])
        return Call(method: method, withToken: withToken, body: envelope.text)
    }

    struct CallOutcome: Sendable {
        var outcome: FuzzReport.Outcome
        var reply: [UInt8]
    }

    func execute(_ calls: [Call], on target: FuzzTarget) async -> [CallOutcome] {
        await withTaskGroup(of: (Int, CallOutcome).self) { group in
            var results = [CallOutcome?](repeating: nil, count: calls.count)
            var next = 0
            func launch() {
                guard next < calls.count else { return }
                let index = next
                next += 1
                let call = calls[index]
                let transport = call.withToken ? target.withToken : target.withoutToken
                let timeout = options.callTimeout
                group.addTask { (index, await Self.perform(call, transport: transport, timeout: timeout)) }
            }
            for _ in 0..<max(options.parallel, 1) { launch() }
            while let (index, outcome) = await group.next() {
                results[index] = outcome
                launch()
            }
            return results.map { $0 ?? CallOutcome(outcome: .lost, reply: []) }
        }
    }

    static func perform(_ call: Call, transport: any ClientTransport, timeout: Duration) async -> CallOutcome {
        let body = Array(call.body.utf8)
        let result = await FuzzDeadline.run(timeout) { () async throws -> (Int, [UInt8]) in
            if call.method.kind == .channel {
                let stream = try await transport.openStream(body)
                for try await message in stream { return (200, message) }
                return (200, [])
            }
            let reply = try await transport.send(body)
            return (reply.status, reply.body)
        }
        switch result {
        case .timedOut: return CallOutcome(outcome: .timeout, reply: [])
        case .failed(let error):
            if let rpc = error as? RPCError, rpc.code == .unreachable, rpc.message.contains("no reply") {
                return CallOutcome(outcome: .timeout, reply: [])
            }
            if let rpc = error as? RPCError, rpc.code != .unreachable { return CallOutcome(outcome: .error, reply: []) }
            return CallOutcome(outcome: .lost, reply: [])
        case .value(let reply):
            return CallOutcome(outcome: classify(status: reply.0, reply: reply.1), reply: reply.1)
        }
    }

    static func classify(status: Int, reply: [UInt8]) -> FuzzReport.Outcome {
        let text = String(decoding: reply.prefix(4096), as: UTF8.self)
        if text.hasPrefix("{"), text.contains("\"jsonrpc\"") {
            return text.contains("\"error\"") && !text.contains("\"result\"") ? .error : .result
        }
        if status != 200 { return .refused }
        if reply.isEmpty { return .noReply }
        return .malformed
    }

    /// Whether the target still answers `Filecoin.Version`: tried for up to about 30 s, so a node that is only slow
    /// (a loaded machine) is not taken for a crashed one.
    public func isAlive(_ target: FuzzTarget) async -> Bool {
        let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Version","params":[]}"#.utf8)
        for _ in 0..<20 {
            let result = await FuzzDeadline.run(.seconds(10)) { try await target.withToken.send(body) }
            if case .value(let reply) = result, reply.status == 200 { return true }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return false
    }
}
