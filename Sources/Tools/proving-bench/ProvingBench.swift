import ArgumentParser
import ChainTypes
import Foundation
import MockProofs
import PieceCommitment

/// `proving-bench`: what the mining node's own work costs, against baselines measured in the same run.
///
/// - Sealing (the pipeline's compute, mock PoRep): per sector size, sectors per minute through PreCommit1/2 — the
///   replica keyed by the ticket, its tree, the tree file, CommD — against copying the same bytes from file to file
///   twice (reading the unsealed file, writing the sealed one), the floor of any sealing that reads and writes them.
/// - Window PoSt: per sector size, the time to check and prove a partition (2 sectors: the checks' openings and the
///   proof's, read from the sealed files and tree files) against the devnet's challenge window (10 epochs of the
///   default 4 s block delay) and the tests' (10 epochs of 100 ms): the share of the window the proof uses.
///
/// The chain's own delays (PreCommitChallengeDelay epochs between pre-commit and prove-commit) bound one sector's
/// time to Proving, not the rate: the pipeline seals sectors in parallel. They are printed for reference.
@main
struct ProvingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proving-bench", abstract: "Sealing and Window PoSt work of the mining node, against same-run baselines")

    @Option(help: "Sector sizes (2KiB, 8MiB, 512MiB)") var sizes: [String] = ["2KiB", "8MiB"]
    @Option(help: "Sectors sealed per size (at least 1)") var sectors: Int = 4
    @Option(help: "Partitions proven per size (at least 1)") var partitions: Int = 20

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("proving-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let network = NetworkParams()
        print("proving-bench — \(ProcessInfo.processInfo.activeProcessorCount) cores, scratch \(scratch.path)")
        print("chain: a sector waits PreCommitChallengeDelay = \(network.preCommitChallengeDelay) epochs between pre-commit and prove-commit "
            + "(\(Double(network.preCommitChallengeDelay) * Double(network.blockDelayMillis) / 1000) s at the default \(network.blockDelayMillis) ms blocks)")
        for text in sizes {
            let size = try SectorSize(parsing: text)
            try seal(size, count: max(sectors, 1), in: scratch)
            try prove(size, count: max(partitions, 1), in: scratch, network: network)
        }
    }

    /// Seals `count` sectors of `size` (data made of random field elements) and copies the same bytes as the baseline.
    func seal(_ size: SectorSize, count: Int, in dir: URL) throws {
        let bytes = Int(size.bytes)
        var generator = SystemRandomNumberGenerator()
        let unsealed = (0..<bytes).map { index -> UInt8 in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return index % 32 == 31 ? byte & 0x3F : byte
        }
        let unsealedPath = dir.appendingPathComponent("unsealed").path
        try Data(unsealed).write(to: URL(fileURLWithPath: unsealedPath))
        let pieces = [try PieceInfo(size: try PaddedPieceSize(validating: size.bytes), cid: try PieceCID.v1(ZeroCommitments.piece(try PaddedPieceSize(validating: size.bytes))))]

        let sealStart = ContinuousClock.now
        for sector in 0..<count {
            let cache = dir.appendingPathComponent("cache-\(sector)").path
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: unsealedPath)))
            let replica = try MockReplica.seal(data, key: MockReplica.Key(ticket: [UInt8(truncatingIfNeeded: sector)], miner: 1000, sector: UInt64(sector)))
            let tree = try ReplicaTree(replica: replica)
            try Data(replica).write(to: dir.appendingPathComponent("sealed-\(sector)"), options: .atomic)
            try SealedSectorFiles.writeTree(tree, cacheFolder: cache)
            _ = try UnsealedCommitment.cid(pieces: pieces, sectorSize: try PaddedPieceSize(validating: size.bytes))
        }
        let sealTime = ContinuousClock.now - sealStart

        let copyStart = ContinuousClock.now
        for sector in 0..<count {
            for _ in 0..<2 {
                let data = try Data(contentsOf: URL(fileURLWithPath: unsealedPath))
                try data.write(to: dir.appendingPathComponent("copy-\(sector)"), options: .atomic)
            }
        }
        let copyTime = ContinuousClock.now - copyStart
        let perMinute = Double(count) / seconds(sealTime) * 60
        print(
            "seal \(size): \(count) sectors in \(format(sealTime)) = \(String(format: "%.1f", perMinute)) sectors/min; "
                + "file copy of the same bytes ×2: \(format(copyTime)); seal / copy = \(String(format: "%.1f", seconds(sealTime) / seconds(copyTime)))×")
    }

    /// Checks and proves `count` partitions of two sealed sectors of `size`, against the challenge window.
    func prove(_ size: SectorSize, count: Int, in dir: URL, network: NetworkParams) throws {
        let files = try (0..<2).map { sector in
            try SealedSectorFiles(
                sealedPath: dir.appendingPathComponent("sealed-\(sector % max(sectors, 1))").path,
                cacheFolder: dir.appendingPathComponent("cache-\(sector % max(sectors, 1))").path, sectorSize: size.bytes)
        }
        let roots = try files.map { try ReplicaTree(replica: Array(try Data(contentsOf: URL(fileURLWithPath: $0.sealedPath)))).root }
        let start = ContinuousClock.now
        for round in 0..<count {
            let randomness = (0..<32).map { _ in UInt8.random(in: 0...255) }
            for (index, file) in files.enumerated() {
                if let reason = file.check(commR: roots[index], seed: randomness, sector: UInt64(round * 2 + index), count: MockWindowPoSt.challengeCount) {
                    throw ValidationError("sector check failed: \(reason)")
                }
            }
            let proof = try MockWindowPoSt.prove(randomness: randomness, sectors: files.enumerated().map { (UInt64($0.offset), $0.element) })
            let sectors = roots.enumerated().map { MockWindowPoSt.Sector(number: UInt64($0.offset), commR: $0.element, sectorSize: size.bytes) }
            if let reason = MockWindowPoSt.verify(proof, randomness: randomness, sectors: sectors) { throw ValidationError("proof failed: \(reason)") }
        }
        let perPartition = seconds(ContinuousClock.now - start) / Double(count)
        let window = Double(network.wPoStChallengeWindow) * Double(network.blockDelayMillis) / 1000
        let testWindow = Double(network.wPoStChallengeWindow) * 0.1
        print(
            "Window PoSt \(size): \(String(format: "%.3f", perPartition * 1000)) ms per partition (check + prove + verify, 2 sectors); "
                + "challenge window \(window) s: \(String(format: "%.5f", perPartition / window)) of it; "
                + "tests' window \(testWindow) s: \(String(format: "%.4f", perPartition / testWindow)) of it")
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func format(_ duration: Duration) -> String { String(format: "%.3f s", seconds(duration)) }
}
