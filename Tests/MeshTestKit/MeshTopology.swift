/// The node layouts every integration scenario runs on.
public enum MeshTopology: String, Sendable, CaseIterable, CustomStringConvertible {
    /// One node with all four subsystems.
    case monolith
    /// A mining node (Mining + Sealing + SectorStorage) and a markets node (Markets) on one host.
    case split

    public var description: String { rawValue }
}

/// How test clients and nodes reach each other.
public enum MeshTransport: String, Sendable, CaseIterable, CustomStringConvertible {
    /// JSON-RPC encoded and decoded in process, no sockets.
    case inProcess
    /// Real HTTP/2 (h2c) sockets on loopback.
    case http2

    public var description: String { rawValue }
}

/// One (topology, transport) pair of the test matrix.
public struct MeshCase: Sendable, CustomStringConvertible {
    public let topology: MeshTopology
    public let transport: MeshTransport

    public init(topology: MeshTopology, transport: MeshTransport) {
        self.topology = topology
        self.transport = transport
    }

    public var description: String { "\(topology) over \(transport)" }

    /// Every pair: what `@Test(arguments: MeshCase.all)` runs a scenario on.
    public static let all: [MeshCase] = MeshTopology.allCases.flatMap { topology in
        MeshTransport.allCases.map { MeshCase(topology: topology, transport: $0) }
    }
}
