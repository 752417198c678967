import ArgumentParser
import CAR
import CSHA256
import Foundation
import PieceCommitment

/// `commp-bench`: CommP throughput on one and two cores against the SHA-256 compression limit of this CPU
/// (`openssl speed -evp sha256`, 16 KiB blocks, measured in the same run), and CAR generation against
/// `cat FILE > /dev/null`.
///
/// CommP compresses 128 bytes (a 64-byte node and its padding block) per tree node, and a payload of n bytes
/// has 4n/127 nodes above its leaves: 512/127 ≈ 4.03 bytes of compression per payload byte. The limit is the
/// openssl figure divided by that.
@main
struct CommPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commp-bench", abstract: "CommP and CAR generation throughput against the SHA-256 and cat limits")

    @Option(name: .customLong("commp-mib"), help: "CommP payload size in MiB") var commpMiB = 508
    @Option(name: .customLong("car-mib"), help: "CAR input size in MiB") var carMiB = 256
    @Option(help: "Rounds per measurement (the best is reported)") var rounds = 3
    @Option(name: .customLong("stream-gib"), help: "Also stream this many GiB through CommP on every core and report the peak memory (0: skip)")
    var streamGiB = 0
    @Flag(help: "Small sizes and one round, for a smoke run") var quick = false
    @Flag(help: "Only the --stream-gib run (its peak memory then is the builder's plus an 8 MiB input block)")
    var streamOnly = false

    func run() throws {
        if streamOnly {
            try stream(gib: max(streamGiB, 1), block: InputBlock.random(8 << 20))
            return
        }
        let commpSize = (quick ? 64 : commpMiB) << 20
        let carSize = (quick ? 32 : carMiB) << 20
        let rounds = quick ? 1 : max(1, rounds)
        print("commp-bench: SHA-256 path \(lotus_sha256_uses_sha_ni() != 0 ? "SHA-NI" : "portable C"), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let openssl = try opensslSHA256()
        let ours = ownCompressionRate(seconds: quick ? 0.5 : 2)
        let limit = openssl * 127 / 512
        print(String(format: "SHA-256 compression: openssl %.0f MB/s, ours %.0f MB/s (%.2f of openssl)", openssl / 1e6, ours / 1e6, ours / openssl))
        print(String(format: "CommP limit (openssl / 4.03): %.0f MB/s", limit / 1e6))

        let payload = InputBlock.random(commpSize)
        let cpuOne = cpuSeconds()
        let one = try best(rounds) { try commP(payload, parallelism: 1) }
        let cpuRateOne = Double(commpSize * rounds) / (cpuSeconds() - cpuOne)
        let cpuBefore = cpuSeconds()
        let wallBefore = ContinuousClock.now
        let two = try best(rounds) { try commP(payload, parallelism: 2) }
        let wall = ContinuousClock.now - wallBefore
        let cpuTwo = cpuSeconds() - cpuBefore
        let coresUsed = cpuTwo / (Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
        let rateOne = Double(commpSize) / one
        let rateTwo = Double(commpSize) / two
        print(String(format: "CommP 1 core: %.0f MB/s = %.2f of the limit (goal 0.85); per CPU-second %.0f MB/s = %.2f of the limit",
                     rateOne / 1e6, rateOne / limit, cpuRateOne / 1e6, cpuRateOne / limit))
        print(String(format: "CommP 2 cores: %.0f MB/s = %.2f of 1 core (goal 1.6), %.2f of the 1-core limit; %.2f cores busy on average, per CPU-second %.0f MB/s",
                     rateTwo / 1e6, rateTwo / rateOne, rateTwo / limit, coresUsed, Double(commpSize * rounds) / cpuTwo / 1e6))
        print("(openssl speed divides by CPU time; the wall-clock figures above are lower when other processes share the cores: load average \(loadAverage()))")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("commp-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input").path
        try Data(payload.prefix(carSize) + (payload.count < carSize ? [UInt8](repeating: 7, count: carSize - payload.count) : [])).write(to: URL(fileURLWithPath: input))
        let cat = try best(rounds) { try shell("cat '\(input)' > /dev/null") }
        var carBytes: UInt64 = 0
        let car = try best(rounds) { () throws -> Void in
            var writer = CARWriter { (bytes: ArraySlice<UInt8>) throws(CARError) in _ = bytes.count }
            _ = try UnixFSImporter().importFile(at: input, to: &writer)
            carBytes = writer.byteCount
        }
        let rateCat = Double(carSize) / cat
        let rateCar = Double(carSize) / car
        print(String(format: "cat FILE > /dev/null: %.0f MB/s", rateCat / 1e6))
        print(String(format: "CAR generation (two passes, %llu-byte CAR): %.0f MB/s = %.2f of cat", carBytes, rateCar / 1e6, rateCar / rateCat))
        if streamGiB > 0 { try stream(gib: streamGiB, block: Array(payload.prefix(8 << 20))) }
    }

    /// Feeds `gib` GiB (an 8 MiB block with a counter stamped into it, over and over) through one builder and
    /// reports the throughput and the process's peak resident memory before and after.
    func stream(gib: Int, block: [UInt8]) throws {
        var block = block
        let before = peakResidentMiB()
        let builder = CommPBuilder(parallelism: ProcessInfo.processInfo.activeProcessorCount)
        let total = UInt64(gib) << 30
        var fed: UInt64 = 0
        var counter: UInt64 = 0
        let start = ContinuousClock.now
        while fed < total {
            counter += 1
            withUnsafeBytes(of: counter) { block.replaceSubrange(0..<8, with: $0) }
            let count = Int(min(UInt64(block.count), total - fed))
            try block.withUnsafeBytes { raw in try builder.update(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
            fed += UInt64(count)
        }
        let digest = try builder.finish()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "streamed %d GiB (padded %llu B) in %.1f s = %.0f MB/s; peak RSS %.0f MiB before, %.0f MiB after",
                     gib, digest.paddedSize.rawValue, seconds, Double(total) / seconds / 1e6, before, peakResidentMiB()))
    }

    /// The 1-minute load average, from /proc/loadavg.
    func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }

    /// User + system CPU seconds of this process so far.
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// The process's peak resident set size (getrusage).
    func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    func commP(_ payload: [UInt8], parallelism: Int) throws {
        let builder = CommPBuilder(parallelism: parallelism)
        try payload.withUnsafeBytes { raw in try builder.update(raw) }
        _ = try builder.finish()
    }

    /// The best time in seconds over `rounds` runs.
    func best(_ rounds: Int, _ body: () throws -> Void) throws -> Double {
        var bestTime = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            bestTime = min(bestTime, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return bestTime
    }

    /// Bytes per second of `openssl speed -evp sha256` on 16 KiB blocks (one process, one core).
    func opensslSHA256() throws -> Double {
        let output = try capture("openssl speed -evp sha256 -bytes 16384 -seconds \(quick ? 1 : 3) 2>/dev/null")
        // The result row: "sha256   123456.78k" (thousands of bytes per second).
        for line in output.split(separator: "\n") where line.lowercased().hasPrefix("sha256") {
            if let field = line.split(separator: " ").last, field.hasSuffix("k"), let value = Double(field.dropLast()) {
                return value * 1000
            }
        }
        throw ValidationError("could not read the sha256 rate from openssl speed:\n\(output)")
    }

    /// Our own compression rate over 16 KiB blocks, for comparison.
    func ownCompressionRate(seconds: Double) -> Double {
        let block = [UInt8](repeating: 0x5A, count: 16384)
        var state = [UInt32](repeating: 1, count: 8)
        var bytes = 0
        let start = ContinuousClock.now
        var elapsed = 0.0
        while elapsed < seconds {
            for _ in 0..<64 {
                state.withUnsafeMutableBufferPointer { words in
                    block.withUnsafeBufferPointer { lotus_sha256_compress(words.baseAddress, $0.baseAddress, 256) }
                }
            }
            bytes += 64 * 16384
            let duration = ContinuousClock.now - start
            elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        return Double(bytes) / elapsed
    }

    func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(command) failed") }
    }

    func capture(_ command: String) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Random input bytes.
enum InputBlock {
    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 8) {
            let word = generator.next()
            for byte in 0..<8 where index + byte < count { bytes[index + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        return bytes
    }
}
