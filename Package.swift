// swift-tools-version:6.0
import PackageDescription

/// Shared settings: Swift 6 language mode everywhere, explicit existentials.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOWebSocket", package: "swift-nio"),
    .product(name: "NIOTLS", package: "swift-nio"),
    .product(name: "NIOHTTP2", package: "swift-nio-http2"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
]
let log: Target.Dependency = .product(name: "Logging", package: "swift-log")
let lifecycle: Target.Dependency = .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "lotus-swift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lotus", targets: ["lotus"]),
        .executable(name: "lotus-miner", targets: ["lotus-miner"]),
        .executable(name: "lotus-shed", targets: ["lotus-shed"]),
        .executable(name: "lotus-devnet", targets: ["lotus-devnet"]),
        .executable(name: "mesh-bench", targets: ["mesh-bench"]),
        .executable(name: "p2p-bench", targets: ["p2p-bench"]),
        .executable(name: "chain-bench", targets: ["chain-bench"]),
        .executable(name: "commp-bench", targets: ["commp-bench"]),
        .executable(name: "proving-bench", targets: ["proving-bench"]),
        .executable(name: "addpiece-bench", targets: ["addpiece-bench"]),
        .executable(name: "deal-bench", targets: ["deal-bench"]),
        .executable(name: "lotus-fuzz", targets: ["lotus-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: Sources/Actors — API definitions (protocols + method sets + wire types), config types and the
        // subsystem actors that implement them. No NIO. An `<Name>API` target imports only APICore and wire types.
        .target(name: "APICore", path: "Sources/Actors/APICore", swiftSettings: settings),
        .target(name: "MinerConfig", dependencies: ["APICore"], path: "Sources/Actors/MinerConfig", swiftSettings: settings),
        .target(
            name: "SubsystemSupport", dependencies: ["APICore", "MinerConfig", log],
            path: "Sources/Actors/SubsystemSupport", swiftSettings: settings),

        .target(name: "CommonAPI", dependencies: ["APICore"], path: "Sources/Actors/Common/CommonAPI", swiftSettings: settings),
        .target(
            name: "Common", dependencies: ["APICore", "CommonAPI", "SubsystemSupport", log, lifecycle],
            path: "Sources/Actors/Common/Common", swiftSettings: settings),
        .target(name: "MiningAPI", dependencies: ["APICore", "MinerConfig", "ChainTypes"], path: "Sources/Actors/Mining/MiningAPI", swiftSettings: settings),
        .target(
            name: "Mining", dependencies: ["APICore", "MiningAPI", "MinerConfig", "SubsystemSupport", "ChainTypes", "FullNodeAPI", "SectorStorageAPI", "MockProofs", "Multiformats", "PieceCommitment", log, lifecycle],
            path: "Sources/Actors/Mining/Mining", swiftSettings: settings),
        .target(name: "SealingAPI", dependencies: ["APICore", "ChainTypes", "Multiformats"], path: "Sources/Actors/Sealing/SealingAPI", swiftSettings: settings),
        .target(
            name: "Sealing", dependencies: ["APICore", "SealingAPI", "MinerConfig", "SubsystemSupport", "FullNodeAPI", "ChainTypes", "SectorStorageAPI", "Multiformats", "MockProofs", "PieceCommitment", log, lifecycle],
            path: "Sources/Actors/Sealing/Sealing", swiftSettings: settings),
        .testTarget(
            name: "SealingTests", dependencies: ["Sealing", "SealingAPI", "APICore", "SubsystemSupport", "Multiformats", "ChainTypes"], path: "Tests/SealingTests",
            swiftSettings: settings),
        .target(
            name: "SectorStorageAPI", dependencies: ["APICore", "ChainTypes"], path: "Sources/Actors/SectorStorage/SectorStorageAPI",
            swiftSettings: settings),
        .target(
            name: "SectorStorage", dependencies: ["APICore", "SectorStorageAPI", "ChainTypes", log, lifecycle],
            path: "Sources/Actors/SectorStorage/SectorStorage", swiftSettings: settings),
        .testTarget(
            name: "SectorStorageTests", dependencies: ["SectorStorage", "SectorStorageAPI", "APICore", "ChainTypes"], path: "Tests/SectorStorageTests",
            swiftSettings: settings),
        .target(
            name: "StorageMarket", dependencies: ["ChainTypes", "Multiformats"], path: "Sources/Actors/Markets/StorageMarket",
            swiftSettings: settings),
        .testTarget(
            name: "StorageMarketTests", dependencies: ["StorageMarket", "ChainTypes", "Multiformats", "InteropSupport"],
            path: "Tests/StorageMarketTests", swiftSettings: settings),
        .target(
            name: "StorageMarketNetwork", dependencies: ["APICore", "StorageMarket", "Libp2p", "Multiformats", log, .product(name: "NIOCore", package: "swift-nio")],
            path: "Sources/Actors/Markets/StorageMarketNetwork", swiftSettings: settings),
        .target(
            name: "MarketsAPI", dependencies: ["APICore", "ChainTypes", "Multiformats", "StorageMarket"], path: "Sources/Actors/Markets/MarketsAPI",
            swiftSettings: settings),
        .target(
            name: "Markets",
            dependencies: [
                "APICore", "MarketsAPI", "MinerConfig", "SubsystemSupport", "FullNodeAPI", "SealingAPI", "MiningAPI", "SectorStorageAPI", "ChainTypes",
                "Multiformats", "StorageMarket", "PieceCommitment", "CAR", log, lifecycle,
            ],
            path: "Sources/Actors/Markets/Markets", swiftSettings: settings),
        .testTarget(
            name: "MarketsTests",
            dependencies: ["Markets", "MarketsAPI", "StorageMarket", "APICore", "ChainTypes", "Multiformats", "MinerConfig", "SubsystemSupport", "PieceCommitment"],
            path: "Tests/MarketsTests", swiftSettings: settings),
        .target(
            name: "ClientAPI", dependencies: ["APICore", "ChainTypes", "Multiformats", "StorageMarket"], path: "Sources/Actors/Client/ClientAPI",
            swiftSettings: settings),
        .target(
            name: "Client",
            dependencies: ["APICore", "ClientAPI", "FullNodeAPI", "ChainTypes", "Multiformats", "StorageMarket", "SubsystemSupport", "CAR", log, lifecycle],
            path: "Sources/Actors/Client/Client", swiftSettings: settings),
        .testTarget(
            name: "ClientTests",
            dependencies: ["Client", "ClientAPI", "FullNodeAPI", "StorageMarket", "APICore", "ChainTypes", "Multiformats", "SubsystemSupport"],
            path: "Tests/ClientTests", swiftSettings: settings),
        .target(name: "NetAPI", dependencies: ["APICore", "Multiformats"], path: "Sources/Actors/Net/NetAPI", swiftSettings: settings),
        .target(name: "Net", dependencies: ["APICore", "NetAPI", "Multiformats"], path: "Sources/Actors/Net/Net", swiftSettings: settings),
        .testTarget(
            name: "NetActorsTests",
            dependencies: ["Net", "NetAPI", "APICore", "Multiformats", "JSONRPC", "Libp2p", "MinerNode", "MinerConfig", "Repo", "ConfigFile", "SubsystemSupport", "MeshTestKit", "TestScheduling", log],
            path: "Tests/NetActorsTests", swiftSettings: settings),

        // The chain: wire types (ChainTypes), the chain's rules (ChainState), the daemon's API and its actor.
        .target(name: "ChainTypes", dependencies: ["Multiformats", "APICore", .product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/Actors/Chain/ChainTypes", swiftSettings: settings),
        .testTarget(name: "ChainTypesTests", dependencies: ["ChainTypes", "Multiformats"], path: "Tests/ChainTypesTests", swiftSettings: settings),
        .target(name: "ChainState", dependencies: ["ChainTypes", "Multiformats", "MockProofs", "PieceCommitment", log],
                path: "Sources/Actors/Chain/ChainState", swiftSettings: settings),
        .testTarget(name: "ChainStateTests", dependencies: ["ChainState", "ChainTypes", "Multiformats", "MockProofs", "PieceCommitment"], path: "Tests/ChainStateTests", swiftSettings: settings),
        .target(
            name: "FullNodeAPI", dependencies: ["APICore", "ChainTypes", "Multiformats"], path: "Sources/Actors/Chain/FullNodeAPI",
            swiftSettings: settings),
        .target(
            name: "FullNode", dependencies: ["APICore", "FullNodeAPI", "ChainTypes", "ChainState", "Multiformats", log, lifecycle],
            path: "Sources/Actors/Chain/FullNode", swiftSettings: settings),
        .testTarget(
            name: "FullNodeActorsTests",
            dependencies: ["FullNode", "FullNodeAPI", "ChainState", "ChainTypes", "APICore", "Multiformats", "JSONRPC", "RPCAuth", "Common", "SubsystemSupport", log],
            path: "Tests/FullNodeActorsTests", swiftSettings: settings),

        // MARK: Sources/Transport — JSON-RPC codec, auth, in-process and HTTP/2 transports.
        .target(name: "Multiformats", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/Transport/Multiformats", swiftSettings: settings),
        .testTarget(name: "MultiformatsTests", dependencies: ["Multiformats"], path: "Tests/MultiformatsTests", swiftSettings: settings),
        .target(
            name: "RPCAuth",
            dependencies: ["Multiformats", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Transport/RPCAuth", swiftSettings: settings),
        .target(
            name: "JSONRPC", dependencies: ["APICore", "RPCAuth", log, lifecycle],
            path: "Sources/Transport/JSONRPC", swiftSettings: settings),
        .target(
            name: "HTTP2Transport", dependencies: ["APICore", "JSONRPC", log, lifecycle] + nio,
            path: "Sources/Transport/HTTP2Transport", swiftSettings: settings),
        .target(name: "Yamux", dependencies: [.product(name: "NIOCore", package: "swift-nio"), log],
                path: "Sources/Transport/Yamux", swiftSettings: settings),
        .testTarget(name: "YamuxTests", dependencies: ["TestScheduling", "InteropSupport", "ChildProcesses", "Multiformats", "Yamux", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")], path: "Tests/YamuxTests", swiftSettings: settings),
        .target(name: "MultistreamSelect", dependencies: [.product(name: "NIOCore", package: "swift-nio"), log],
                path: "Sources/Transport/MultistreamSelect", swiftSettings: settings),
        .testTarget(name: "MultistreamSelectTests", dependencies: ["InteropSupport", "ChildProcesses", "MultistreamSelect", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio")], path: "Tests/MultistreamSelectTests", swiftSettings: settings),
        .target(name: "Noise", dependencies: ["Multiformats", .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"), log],
                path: "Sources/Transport/Noise", swiftSettings: settings),
        // Where the interop tests find Python (the py-libp2p venv) and their scripts.
        .target(name: "InteropSupport", dependencies: ["ChildProcesses"], path: "Tests/InteropSupport", swiftSettings: settings),
        // Where every test starts a child process (one lock, close-on-exec pipes: see ChildProcess).
        .target(name: "ChildProcesses", dependencies: ["SubsystemSupport"], path: "Tests/ChildProcesses", swiftSettings: settings),
        // Keeps the tests that load the machine on purpose apart from those whose peers have fixed deadlines.
        .target(name: "TestScheduling", path: "Tests/TestScheduling", swiftSettings: settings),
        .testTarget(name: "NoiseTests", dependencies: ["InteropSupport", "ChildProcesses", "Noise", "Multiformats", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")], path: "Tests/NoiseTests", swiftSettings: settings),

        .target(name: "Libp2p", dependencies: ["Multiformats", "MultistreamSelect", "Noise", "Yamux", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"), log, lifecycle],
                path: "Sources/Transport/Libp2p", swiftSettings: settings),
        .testTarget(name: "Libp2pTests", dependencies: ["TestScheduling", "Libp2p", "Multiformats", "Yamux", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")], path: "Tests/Libp2pTests", swiftSettings: settings),

        // MARK: Sources/Formats — piece commitments, CAR files. No NIO.
        .target(name: "CSHA256", path: "Sources/Formats/CSHA256"),
        .target(name: "CMalloc", path: "Sources/Nodes/CMalloc"),
        .target(name: "PieceCommitment", dependencies: ["CSHA256", "Multiformats"], path: "Sources/Formats/PieceCommitment", swiftSettings: settings),
        .testTarget(name: "PieceCommitmentTests", dependencies: ["PieceCommitment", "CSHA256", "Multiformats", "InteropSupport"], path: "Tests/PieceCommitmentTests", swiftSettings: settings),
        .target(
            name: "MockProofs", dependencies: ["PieceCommitment", "Multiformats", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/Formats/MockProofs", swiftSettings: settings),
        .testTarget(name: "MockProofsTests", dependencies: ["MockProofs", "PieceCommitment", "Multiformats"], path: "Tests/MockProofsTests", swiftSettings: settings),
        .target(name: "CAR", dependencies: ["Multiformats", "ChainTypes"], path: "Sources/Formats/CAR", swiftSettings: settings),
        .testTarget(name: "CARTests", dependencies: ["CAR", "PieceCommitment", "Multiformats", "InteropSupport", "MeshTestKit"], path: "Tests/CARTests", swiftSettings: settings),

        // MARK: Sources/Nodes — repo, config files, node assembly.
        .target(
            name: "ConfigFile", dependencies: ["APICore", "MinerConfig", "TOMLKit"],
            path: "Sources/Nodes/ConfigFile", swiftSettings: settings),
        .target(
            name: "Repo",
            dependencies: [
                "APICore", "MinerConfig", "ConfigFile", "RPCAuth", "Multiformats", log, .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Nodes/Repo", swiftSettings: settings),
        .target(
            name: "MinerNode",
            dependencies: ["APICore", "MinerConfig", "SubsystemSupport", "FullNodeAPI", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI", "Common", "Mining", "Sealing", "SectorStorage", "Markets", "StorageMarket", "Net", "JSONRPC", "Repo", "ConfigFile", "RPCAuth", "Libp2p", "Multiformats", "StorageMarketNetwork", log, lifecycle],
            path: "Sources/Nodes/MinerNode", swiftSettings: settings),
        .target(
            name: "NodeRuntime",
            dependencies: ["CMalloc", "ChainTypes", "APICore", "MinerConfig", "SubsystemSupport", "CommonAPI", "NetAPI", "FullNodeAPI", "JSONRPC", "HTTP2Transport", "MinerNode", "SectorStorage", "SectorStorageAPI", "Markets", "PieceCommitment", "Repo", "ConfigFile", "RPCAuth", "Libp2p", "Multiformats", log, lifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle")],
            path: "Sources/Nodes/NodeRuntime", swiftSettings: settings),
        .target(
            name: "CLISupport",
            dependencies: ["APICore", "MinerConfig", "SubsystemSupport", "ChainTypes", "FullNodeAPI", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "StorageMarket", "NetAPI", "JSONRPC", "HTTP2Transport", "ConfigFile", "Repo", "RPCAuth", "Multiformats", argumentParser, log],
            path: "Sources/Nodes/CLISupport", swiftSettings: settings),

        // MARK: Sources/Tools — thin executables.
        .executableTarget(
            name: "lotus-miner",
            dependencies: [
                "APICore", "JSONRPC", "MinerConfig", "SubsystemSupport", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI", "MinerNode", "NodeRuntime", "CLISupport", "ConfigFile", "Repo",
                "ChainTypes", "FullNodeAPI", "Multiformats", "StorageMarket", 
                argumentParser, log, lifecycle,
            ],
            path: "Sources/Tools/lotus-miner", swiftSettings: settings),
        .executableTarget(
            name: "lotus",
            dependencies: [
                "CLISupport", "DaemonNode", "FullNodeAPI", "ChainTypes", "Multiformats", "APICore", "CommonAPI", "SubsystemSupport",
                "MinerConfig", "NetAPI", "PieceCommitment", "CAR", "ClientAPI", "StorageMarket", argumentParser,
            ],
            path: "Sources/Tools/lotus", swiftSettings: settings),
        .executableTarget(
            name: "lotus-shed", dependencies: ["CLISupport", "Repo", argumentParser],
            path: "Sources/Tools/lotus-shed", swiftSettings: settings),
        .executableTarget(
            name: "lotus-devnet", dependencies: ["CLISupport", "Repo", "SubsystemSupport", argumentParser],
            path: "Sources/Tools/lotus-devnet", swiftSettings: settings),
        .executableTarget(
            name: "mesh-bench",
            dependencies: ["APICore", "Common", "CommonAPI", "SubsystemSupport", "MinerConfig", "JSONRPC", "HTTP2Transport", argumentParser] + nio,
            path: "Sources/Tools/mesh-bench", swiftSettings: settings),
        .executableTarget(
            name: "chain-bench",
            dependencies: [
                "APICore", "ChainTypes", "ChainState", "ChainStore", "FullNode", "FullNodeAPI", "JSONRPC", "HTTP2Transport", "Multiformats", log,
                argumentParser,
            ],
            path: "Sources/Tools/chain-bench", swiftSettings: settings),

        .executableTarget(name: "commp-bench", dependencies: ["PieceCommitment", "CAR", "CSHA256", argumentParser], path: "Sources/Tools/commp-bench", swiftSettings: settings),
        .target(name: "BenchSupport", dependencies: ["APICore", "JSONRPC", "HTTP2Transport", "ConfigFile"], path: "Sources/Tools/BenchSupport", swiftSettings: settings),
        .executableTarget(
            name: "addpiece-bench",
            dependencies: ["APICore", "CLISupport", "ChainTypes", "FullNodeAPI", "SealingAPI", "PieceCommitment", "JSONRPC", "HTTP2Transport", "BenchSupport", argumentParser],
            path: "Sources/Tools/addpiece-bench", swiftSettings: settings),
        .executableTarget(
            name: "deal-bench",
            dependencies: [
                "APICore", "ChainTypes", "FullNodeAPI", "MarketsAPI", "StorageMarket", "StorageMarketNetwork", "Libp2p", "Multiformats", "PieceCommitment",
                "BenchSupport", argumentParser, log,
            ],
            path: "Sources/Tools/deal-bench", swiftSettings: settings),
        .executableTarget(
            name: "proving-bench", dependencies: ["MockProofs", "PieceCommitment", "ChainTypes", argumentParser], path: "Sources/Tools/proving-bench",
            swiftSettings: settings),
        .target(
            name: "RPCFuzz",
            dependencies: ["APICore", "JSONRPC", "RPCAuth", "CommonAPI", "FullNodeAPI", "ClientAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI"],
            path: "Sources/Tools/RPCFuzz", swiftSettings: settings),
        .executableTarget(
            name: "lotus-fuzz", dependencies: ["RPCFuzz", "APICore", "JSONRPC", "HTTP2Transport", argumentParser],
            path: "Sources/Tools/lotus-fuzz", swiftSettings: settings),
        .executableTarget(name: "p2p-bench", dependencies: ["Libp2p", "Multiformats", "Noise", argumentParser, .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")], path: "Sources/Tools/p2p-bench", swiftSettings: settings),

        // MARK: Tests
        .testTarget(
            name: "ReliabilityTests", dependencies: ["TestScheduling", "MeshTestKit", "RPCFuzz", "APICore", "JSONRPC", "HTTP2Transport", "RPCAuth", "DaemonNode", "FullNode", log],
            path: "Tests/ReliabilityTests", swiftSettings: settings),
        .testTarget(name: "ArchitectureTests", path: "Tests/ArchitectureTests", swiftSettings: settings),
        .target(
            name: "MeshTestKit",
            dependencies: ["APICore", "MinerConfig", "SubsystemSupport", "FullNodeAPI", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI", "JSONRPC", "HTTP2Transport", "MinerNode", "Libp2p", "NodeRuntime", "DaemonNode", "CLISupport", "ChainTypes", "Multiformats", "ConfigFile", "Repo", "RPCAuth", "ChildProcesses", "TestScheduling", "StorageMarket", "StorageMarketNetwork", "PieceCommitment", log, lifecycle],
            path: "Tests/MeshTestKit", swiftSettings: settings),
        .testTarget(
            name: "APICoreTests", dependencies: ["APICore", "JSONRPC", "SubsystemSupport", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI", "RPCAuth", log],
            path: "Tests/APICoreTests", swiftSettings: settings),
        .testTarget(name: "ConfigTests", dependencies: ["ConfigFile", "MinerConfig", "DaemonNode"], path: "Tests/ConfigTests", swiftSettings: settings),
        .testTarget(name: "RepoTests", dependencies: ["Repo", "MinerConfig", "RPCAuth", "Multiformats", "ChildProcesses", "InteropSupport"], path: "Tests/RepoTests", swiftSettings: settings),
        .testTarget(
            name: "TransportTests", dependencies: ["TestScheduling", "Multiformats", "JSONRPC", "HTTP2Transport", "APICore", "RPCAuth", "MeshTestKit", "ChildProcesses"] + nio,
            path: "Tests/TransportTests", swiftSettings: settings),
        .testTarget(
            name: "ChainProcessTests", dependencies: ["MeshTestKit", "TestScheduling", "ConfigFile", "CLISupport", "Multiformats", "Repo", "ChildProcesses", "APICore", "ChainTypes", "FullNodeAPI", "PieceCommitment", "SealingAPI", "MarketsAPI", "StorageMarket"],
            path: "Tests/ChainProcessTests", swiftSettings: settings),
        .testTarget(
            name: "MeshTests", dependencies: [
                "TestScheduling", "MeshTestKit", "PieceCommitment", "CLISupport", "ChainTypes", "FullNodeAPI", "APICore", "SubsystemSupport", "CommonAPI", "MiningAPI", "SealingAPI", "SectorStorageAPI", "MarketsAPI", "NetAPI", "Common", "MinerConfig", "JSONRPC", "MinerNode", "NodeRuntime", "Repo", "ConfigFile", "HTTP2Transport",
                "RPCAuth", "Net", "Multiformats", "StorageMarket", "StorageMarketNetwork", "Libp2p", "ClientAPI", log,
            ],
            path: "Tests/MeshTests", swiftSettings: settings),
        .testTarget(
            name: "Libp2pInteropTests",
            dependencies: ["TestScheduling", "InteropSupport", "ChildProcesses", "Libp2p", "Multiformats", "MeshTestKit", .product(name: "NIOCore", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"), log],
            path: "Tests/Libp2pInteropTests", swiftSettings: settings),

        // MARK: The devnet chain daemon (lotus daemon): API actor, chain database, daemon process.
        .target(
            name: "ChainStore",
            dependencies: ["ChainState", "ChainTypes", "Multiformats", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/Nodes/ChainStore", swiftSettings: settings),
        .testTarget(
            name: "ChainStoreTests", dependencies: ["ChainStore", "ChainState", "ChainTypes", "Multiformats"],
            path: "Tests/ChainStoreTests", swiftSettings: settings),
        .target(
            name: "DaemonNode",
            dependencies: [
                "APICore", "ChainState", "ChainStore", "ChainTypes", "ConfigFile", "FullNode", "FullNodeAPI", "HTTP2Transport", "JSONRPC",
                "Common", "CommonAPI", "SubsystemSupport", "MinerConfig", "MinerNode", "NodeRuntime", "RPCAuth", "Repo", "Libp2p", "Net", "NetAPI", "StorageMarket",
                "StorageMarketNetwork", "Client", "ClientAPI", log, lifecycle,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Nodes/DaemonNode", swiftSettings: settings),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "DaemonNode", "ChainStore", "ChainState", "ChainTypes", "FullNode", "FullNodeAPI", "SubsystemSupport", "CommonAPI", "MeshTestKit", "TestScheduling", "ConfigFile", "MinerConfig", "CLISupport",
                "Repo", "Multiformats", "APICore", "JSONRPC", "HTTP2Transport",
            ],
            path: "Tests/DaemonTests", swiftSettings: settings),
    ]
)
