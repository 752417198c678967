import Foundation
import Markets
import Testing

/// The operator's deal filter, run as Lotus runs it: `sh -c`, the deal on stdin, the exit status decides.
@Suite("Deal filter command")
struct FilterCommandTests {
    @Test("exit 0 accepts; the deal JSON is on stdin; a non-zero exit rejects with the command's output")
    func acceptAndReject() async throws {
        let input = Array(#"{"DealType": "storage", "Proposal": {"PieceSize": 2048}}"#.utf8)
        #expect(await FilterCommand(command: "grep -q '\"DealType\": \"storage\"'").run(input: input) == .accept)
        #expect(await FilterCommand(command: "grep -q retrieval").run(input: input) == .reject(""))
        #expect(await FilterCommand(command: "echo too big >&2; echo 'size:'; exit 3").run(input: input) == .reject("too big\nsize:\n"))
        #expect(await FilterCommand(command: "true").run(input: [UInt8](repeating: 65, count: 1 << 20)) == .accept, "input it does not read")
    }

    @Test("a filter that hangs is killed with what it started, and the deal is rejected")
    func hangs() async throws {
        let marker = "filter-hang-\(UUID().uuidString.prefix(8))"
        let started = ContinuousClock.now
        let verdict = await FilterCommand(command: "sleep 300 # \(marker)", timeout: .milliseconds(300)).run(input: [])
        guard case .reject(let reason) = verdict else {
            Issue.record("a hung filter was not rejected")
            return
        }
        #expect(reason.contains("timed out"))
        #expect(ContinuousClock.now - started < .seconds(60))
        // Neither the shell nor its sleep survives.
        try await Task.sleep(for: .milliseconds(100))
        let survivors = try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init).filter { pid in
            let cmdline = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return cmdline.contains(marker)
        }
        #expect(survivors.isEmpty, "left running: \(survivors)")
    }
}
