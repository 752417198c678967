import Foundation

/// Progress lines on stderr, so stdout holds only the tables.
enum Progress {
    static func note(_ text: String) {
        FileHandle.standardError.write(Data(("  .. " + text + "\n").utf8))
    }
}
