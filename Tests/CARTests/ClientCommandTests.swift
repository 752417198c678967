import CAR
import Foundation
import InteropSupport
import MeshTestKit
import Multiformats
import PieceCommitment
import Testing

/// `lotus client generate-car | commP | import` run as an operator would, checked against the Python side:
/// the CAR is read by py-ipld-car with the DAG rebuilt independently, the piece CID recomputed by
/// commp_reference.py.
@Suite struct ClientCommandTests {
    @Test func generateCARCommPAndImport() async throws {
        let directory = try ScratchDirectory(prefix: "client-tests")
        let content = InteropFiles.bytes(2_500_000, seed: 77)
        let file = try directory.write(content, to: "data.bin")
        let carPath = directory.path("data.car")

        let generated = try await Tools.run("lotus", ["client", "generate-car", file, carPath])
        #expect(generated.status == 0, "\(generated)")
        let root = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let peer = try await runCARPeer(["read", carPath, file])
        #expect(peer.first?.hasPrefix("root=\(root) ") == true, "\(peer)")
        #expect(peer.first?.contains("rebuilt=\(root) same-bytes=yes") == true, "\(peer)")

        guard let reference = try await InteropFiles.run("commp_reference.py", module: "hashlib", arguments: ["commp", carPath]),
            let line = reference.lines.first
        else {
            Issue.record("commp_reference.py did not run: \(InteropPython.setupHint)")
            return
        }
        let fields = line.split(separator: " ")
        let padded = try #require(UInt64(fields[0]))
        let pieceCID = PieceCID.v1(try Commitment(bytes: Hex.decode(String(fields[1]))))
        let unpadded = padded - padded / 128
        // A 2.5 MB file's CAR pads to 4 MiB, which Lotus prints as its unpadded size, 4161536 bytes = "3.969 MiB".
        #expect(padded == 4 << 20)

        let text = try await Tools.run("lotus", ["client", "commP", carPath])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.split(separator: "\n").map(String.init) == [
            "CID:  \(pieceCID)", "Piece size:  3.969 MiB", "Piece size in bytes:  \(unpadded)",
        ])

        let json = try await Tools.run("lotus", ["client", "commP", "--format", "json", carPath])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["Root"] as? [String: String])?["/"] == pieceCID.description)
        #expect((object?["PaddedSize"] as? NSNumber)?.uint64Value == padded)
        #expect((object?["Size"] as? NSNumber)?.uint64Value == unpadded)
        let carSize = try FileSource(path: carPath).size()
        #expect((object?["PayloadSize"] as? NSNumber)?.uint64Value == carSize)

        let repo = directory.path("repo")
        let imported = try await Tools.run("lotus", ["client", "import", file], environment: ["LOTUS_PATH": repo])
        #expect(imported.stdout == "Import 1, Root \(root)\n", "\(imported)")
        let kept = try Data(contentsOf: URL(fileURLWithPath: repo + "/imports/1.car"))
        #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: carPath))))
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repo + "/imports/1.json"))) as? [String: Any]
        #expect(((record?["piece"] as? [String: Any])?["Root"] as? [String: String])?["/"] == pieceCID.description)

        let missing = try await Tools.run("lotus", ["client", "commP", directory.path("nope")])
        #expect(missing.status != 0 && missing.stderr.contains("cannot open"))
    }
}
