import Logging
import Synchronization

/// A log handler that keeps every line, so a test can check that a hostile peer was reported.
final class LogRecorder: Sendable {
    /// One recorded line.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: String
    }

    private let entries = Mutex<[Entry]>([])

    /// A logger writing into this recorder (and nowhere else).
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// Lines at `level` or above whose message or metadata contains `text`.
    func lines(containing text: String, atLeast level: Logger.Level = .debug) -> [Entry] {
        entries.withLock { entries in
            entries.filter { $0.level >= level && ($0.message.contains(text) || $0.metadata.contains(text)) }
        }
    }
}

/// Sends log lines to a ``LogRecorder``.
struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let text = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        recorder.append(.init(level: event.level, message: "\(event.message)", metadata: text))
    }
}
