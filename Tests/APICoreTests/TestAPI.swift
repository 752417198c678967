import APICore

/// A small API used to exercise the codec and dispatch: every shape of method the mesh uses.
actor TestActor: SubsystemAPI {
    typealias Methods = TestMethods

    func echo(_ text: String) -> String { text }
    func add(_ a: Int, _ b: Int) -> Int { a + b }
    func fail(_ reason: String) throws -> Int { throw TestFailure(description: reason) }
    /// Reads a pushed byte stream to its end: byte count and a simple checksum.
    func measure(_ stream: ByteStream) async throws -> [UInt64] {
        var total: UInt64 = 0
        var sum: UInt64 = 0
        for try await chunk in try await stream.chunks() {
            total += UInt64(chunk.count)
            for byte in chunk { sum = sum &* 31 &+ UInt64(byte) }
        }
        return [total, sum]
    }

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
    typealias API = TestActor
    let echo = RPCMethod<TestActor, Args1<String>, String>("Echo", .read, .sealing) { api, args in await api.echo(args.a) }
    let add = RPCMethod<TestActor, Args2<Int, Int>, Int>("Add", .write, .sealing) { api, args in await api.add(args.a, args.b) }
    let fail = RPCMethod<TestActor, Args1<String>, Int>("Fail", .read, .sealing) { api, args in try await api.fail(args.a) }
    let measure = RPCMethod<TestActor, Args1<ByteStream>, [UInt64]>("Measure", .write, .sealing) { api, args in
        try await api.measure(args.a)
    }
    let count = RPCChannelMethod<TestActor, Args1<Int>, Int>("Count", .read, .sealing) { api, args in await api.count(args.a) }
}
