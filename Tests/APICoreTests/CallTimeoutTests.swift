import APICore
import SealingAPI
import SectorStorageAPI
import Foundation
import Testing

/// Calls between nodes are bounded (`[API] Timeout` on the markets node's link to the mining node), except the methods
/// whose work takes as long as it takes.
@Suite("Call timeouts between nodes")
struct CallTimeoutTests {
    /// A node that answers every call with the string "ok", after `delay`.
    struct SlowNode: RPCCaller {
        let delay: Duration
        var endpointDescription: String { "http://slow-node/rpc/v0" }

        func call<P: RPCParams, R: Decodable & Sendable>(_ method: String, _ params: P, returning: R.Type) async throws -> R {
            try await Task.sleep(for: delay)
            return try JSONDecoder().decode(R.self, from: Data(#""ok""#.utf8))
        }

        func subscribe<P: RPCParams, E: Decodable & Sendable>(_ method: String, _ params: P, element: E.Type) async throws
            -> AsyncThrowingStream<E, any Error>
        {
            AsyncThrowingStream { $0.finish() }
        }
    }

    static let echo = RPCMethod<TestActor, Args1<String>, String>("Echo", .read, .sealing) { api, args in await api.echo(args.a) }
    static let longEcho = RPCMethod<TestActor, Args1<String>, String>("LongEcho", .read, .sealing, longRunning: true) { api, args in
        await api.echo(args.a)
    }

    @Test("a node that does not answer within the limit: the call fails with unreachable, naming the method, the node and the setting")
    func boundedCallTimesOut() async throws {
        let node = SubsystemRef<TestMethods>.remote(TimeLimitedCaller(SlowNode(delay: .seconds(30)), limit: .milliseconds(100)))
        do {
            _ = try await node.call(Self.echo, params: Args1("x"))
            Issue.record("the call returned")
        } catch let error as RPCError {
            #expect(error.code == .unreachable)
            #expect(error.message == "http://slow-node/rpc/v0 did not answer Filecoin.Echo within 0.1 seconds ([API] Timeout)")
        }
    }

    @Test("a long-running method is not bounded; an answer inside the limit and a caller without one pass")
    func unboundedCalls() async throws {
        let limited = SubsystemRef<TestMethods>.remote(TimeLimitedCaller(SlowNode(delay: .milliseconds(300)), limit: .milliseconds(50)))
        #expect(try await limited.call(Self.longEcho, params: Args1("x")) == "ok")
        let patient = SubsystemRef<TestMethods>.remote(TimeLimitedCaller(SlowNode(delay: .milliseconds(10)), limit: .seconds(30)))
        #expect(try await patient.call(Self.echo, params: Args1("x")) == "ok")
        let plain = SubsystemRef<TestMethods>.remote(SlowNode(delay: .milliseconds(100)))
        #expect(plain.location.isRemoteWithoutLimit)
        #expect(try await plain.call(Self.echo, params: Args1("x")) == "ok")
    }

    @Test("the mining node's methods that wait on their work are marked long-running, and the rest are not")
    func marked() {
        #expect(SealingMethods().sectorAddPieceToAny.longRunning && SealingMethods().sectorsUnsealPiece.longRunning)
        #expect(SectorStorageMethods().storageLock.longRunning && !SectorStorageMethods().storageTryLock.longRunning)
        #expect(!SealingMethods().sectorsStatus.longRunning && !SectorStorageMethods().storageFindSector.longRunning)
    }
}

extension SubsystemRef.Location {
    /// Remote, through a caller with no call timeout.
    var isRemoteWithoutLimit: Bool {
        if case .remote(let caller) = self { return caller.callTimeout == nil }
        return false
    }
}
