import Foundation
import InteropSupport
import PieceCommitment
import Testing

/// Random inputs at every size boundary against Tests/Interop/commp_reference.py, an independent Python
/// implementation (bit-stream Fr32, full padded tree, hashlib), and sector CommD against the same script
/// building the whole sector.
@Suite struct PythonReferenceTests {
    static var boundarySizes: [Int] {
        var sizes = [0, 1, 2, 64, 65, 126, 127, 128]
        for k in [1, 2, 3, 4, 5, 8, 12, 13, 14, 15] {
            let base = 127 << k
            sizes += [base - 1, base, base + 1]
        }
        return sizes
    }

    @Test func boundarySizesAgreeWithPython() async throws {
        let directory = try ScratchDirectory(prefix: "commp-tests")
        var paths: [String] = []
        var expected: [String] = []
        for size in Self.boundarySizes {
            let payload = InteropFiles.bytes(size, seed: UInt64(size) + 2026)
            let path = directory.path("input-\(size)")
            try Data(payload).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            let builder = CommPBuilder(parallelism: 2)
            try builder.update(payload)
            let digest = try builder.finish()
            expected.append("\(digest.paddedSize.rawValue) \(digest.commitment)")
        }
        let lines = try await runReference(["commp"] + paths)
        #expect(lines.count == expected.count)
        for (index, line) in lines.enumerated() where index < expected.count {
            #expect(line == expected[index], "size \(Self.boundarySizes[index])")
        }
    }

    @Test func sectorCommDAgreesWithPython() async throws {
        let directory = try ScratchDirectory(prefix: "commp-tests")
        let sector = try PaddedPieceSize(validating: 64 << 10)
        // Sizes out of order so that zero padding pieces go between them.
        let layout: [(payload: Int, padded: UInt64)] = [(100, 128), (2000, 2048), (300, 512), (8000, 8192), (127, 128), (1016, 1024)]
        var pieces: [PieceInfo] = []
        var specs: [String] = []
        for (index, piece) in layout.enumerated() {
            let payload = InteropFiles.bytes(piece.payload, seed: UInt64(index) + 11)
            let path = directory.path("piece-\(index)")
            try Data(payload).write(to: URL(fileURLWithPath: path))
            let digest = try PieceDigest.of(payload)
            #expect(digest.paddedSize.rawValue == piece.padded)
            pieces.append(PieceInfo(size: digest.paddedSize, commitment: digest.commitment))
            specs.append("\(path):\(piece.padded)")
        }
        let commD = try UnsealedCommitment.compute(pieces: pieces, sectorSize: sector)
        #expect(try await runReference(["commd", String(sector.rawValue)] + specs) == [commD.description])
        // No pieces: the zero commitment of the sector; too many: refused.
        #expect(try UnsealedCommitment.compute(pieces: [], sectorSize: sector) == ZeroCommitments.piece(sector))
        let big = PieceInfo.zero(try PaddedPieceSize(validating: 64 << 10))
        #expect(throws: PieceCommitmentError.self) { try UnsealedCommitment.compute(pieces: [pieces[0], big], sectorSize: sector) }
    }

    private func runReference(_ arguments: [String]) async throws -> [String] {
        guard let outcome = try await InteropFiles.run("commp_reference.py", module: "hashlib", arguments: arguments) else {
            Issue.record("no python3 found: \(InteropPython.setupHint)")
            return []
        }
        #expect(outcome.status == 0, "commp_reference.py failed: \(outcome.errors)")
        return outcome.lines
    }
}
