import APICore
import CommonAPI
import JSONRPC

/// One API method reached three ways: a plain actor call, JSON-RPC in process, JSON-RPC over HTTP/2.
struct MethodUnderTest: Sendable {
    typealias Operation = @Sendable () async throws -> Void

    let name: String
    let direct: Operation
    let inProcess: Operation
    let http2: Operation
    /// Calls each path once and checks that all three answer the same.
    let check: Operation

    static func version(_ mesh: Mesh, http2 client: RPCClient) -> MethodUnderTest {
        let direct = SubsystemRef<CommonMethods>.local(mesh.common)
        let inProcess = SubsystemRef<CommonMethods>.remote(mesh.inProcessClient())
        let remote = SubsystemRef<CommonMethods>.remote(client)
        return MethodUnderTest(
            name: "Filecoin.Version",
            direct: { _ = try await direct.call(\.version) },
            inProcess: { _ = try await inProcess.call(\.version) },
            http2: { _ = try await remote.call(\.version) },
            check: {
                let expected = try await direct.call(\.version)
                let viaJSON = try await inProcess.call(\.version)
                let viaHTTP2 = try await remote.call(\.version)
                guard viaJSON == expected, viaHTTP2 == expected else {
                    throw BenchError("Version differs by path: \(expected) / \(viaJSON) / \(viaHTTP2)")
                }
            })
    }

    static func blob(_ mesh: Mesh, http2 client: RPCClient) -> MethodUnderTest {
        let direct = SubsystemRef<BenchMethods>.local(mesh.bench)
        let inProcess = SubsystemRef<BenchMethods>.remote(mesh.inProcessClient())
        let remote = SubsystemRef<BenchMethods>.remote(client)
        return MethodUnderTest(
            name: "Filecoin.BenchBlob (1 KiB)",
            direct: { _ = try await direct.call(\.blob) },
            inProcess: { _ = try await inProcess.call(\.blob) },
            http2: { _ = try await remote.call(\.blob) },
            check: {
                let results = [try await direct.call(\.blob), try await inProcess.call(\.blob), try await remote.call(\.blob)]
                guard results.allSatisfy({ $0 == BenchActor.kibibyte }) else {
                    throw BenchError("BenchBlob differs by path: lengths \(results.map(\.utf8.count))")
                }
            })
    }
}
