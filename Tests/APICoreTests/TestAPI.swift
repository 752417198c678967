import APICore

/// A small API used to exercise the codec and dispatch: every shape of method the mesh uses.
actor TestActor: SubsystemAPI {
    typealias Methods = TestMethods
    static var subsystem: Subsystem { .sealing }

    func echo(_ text: String) -> String { text }
    func add(_ a: Int, _ b: Int) -> Int { a + b }
    func fail(_ reason: String) throws -> Int { throw TestFailure(description: reason) }
    func count(_ n: Int) -> AsyncThrowingStream<Int, any Error> {
        AsyncThrowingStream { continuation in
            for i in 0..<n { continuation.yield(i) }
            continuation.finish()
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

struct TestMethods: MethodSet {
    let echo = RPCMethod<TestActor, Args1<String>, String>("Echo", .read, .sealing) { api, args in await api.echo(args.a) }
    let add = RPCMethod<TestActor, Args2<Int, Int>, Int>("Add", .write, .sealing) { api, args in await api.add(args.a, args.b) }
    let fail = RPCMethod<TestActor, Args1<String>, Int>("Fail", .read, .sealing) { api, args in try await api.fail(args.a) }
    let count = RPCChannelMethod<TestActor, Args1<Int>, Int>("Count", .read, .sealing) { api, args in await api.count(args.a) }
}
