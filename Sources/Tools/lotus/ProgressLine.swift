import Foundation

/// A one-line progress report on stderr (`\r`-rewritten), only when stderr is a terminal and the input is
/// large enough to take a while; at most five updates a second.
final class ProgressLine {
    private let label: String
    private let total: UInt64
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    /// Inputs below this size finish too quickly to need a progress line.
    static let threshold: UInt64 = 64 << 20

    init(_ label: String, total: UInt64) {
        self.label = label
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && total >= Self.threshold
    }

    /// Reports `done` bytes of `total`.
    func update(_ done: UInt64) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(200) else { return }
        lastDraw = now
        drawn = true
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds / 1e6 : 0
        let percent = total > 0 ? Double(done) * 100 / Double(total) : 100
        FileHandle.standardError.write(Data(String(format: "\r%@: %.1f%% (%.0f MB/s)  ", label, percent, rate).utf8))
    }

    /// Clears the line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
