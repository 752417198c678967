import APICore

/// The bench API's method definitions (`Filecoin.BenchBlob`).
struct BenchMethods: MethodSet {
    typealias API = BenchActor
    let blob = RPCMethod<BenchActor, Args0, String>("BenchBlob", .read, Subsystem(rawValue: "Bench")) { api, _ in
        await api.blob()
    }
}
