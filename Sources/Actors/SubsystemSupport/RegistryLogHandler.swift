import Foundation
import Logging

/// A stderr log handler whose level lives in a ``LogRegistry``, so `LogSetLevel` takes effect at once.
struct RegistryLogHandler: LogHandler {
    let label: String
    let registry: LogRegistry
    var metadata: Logger.Metadata = [:]

    var logLevel: Logger.Level {
        get { registry.level(of: label) }
        set { try? registry.setLevel(label, String(describing: newValue)) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        registry.emit("\(stamp)\t\(event.level.rawValue.uppercased())\t\(label)\t\(event.message)\(fields)")
    }
}

/// Writes to the process's standard error.
enum FileHandleStandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
