/// Finds the table headers that TOMLKit's parser must not see.
///
/// toml++ 3 is the parser under TOMLKit. When a table header's `[` (or `[[`) is followed by a character that cannot
/// start a key, such as a newline, `#` or `=`, it fails an assertion. A debug build aborts there. A release build
/// (`NDEBUG`) treats the assertion as an assumption, which is undefined behaviour. `scripts/fuzz`'s config target
/// found it with the two bytes `[\n`. A config.toml is the operator's file, but it is input all the same: it gets
/// a clear error, never a dead process.
///
/// The scan follows the document only as far as it must to tell a header from a value: strings (basic, literal,
/// multi-line), comments, and the nesting of arrays and inline tables. A `[` at the start of a line, outside all
/// of them, opens a header.
enum TOMLHeaderCheck {
    /// The 1-based line of the first table header with no key after its brackets, or `nil` when there is none.
    static func firstHeaderWithoutKey(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        // toml++ skips a UTF-8 byte-order mark, so a header may follow it (the fuzzer's second find).
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var depth = 0  // arrays and inline tables open in a value
        var lineStart = true  // only spaces and tabs since the last newline
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = true
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString(bytes, &index, &line)
            case UInt8(ascii: "[") where depth == 0 && lineStart:
                var next = index + 1
                func skipBlanks() {
                    while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
                }
                skipBlanks()
                if next < bytes.count, bytes[next] == UInt8(ascii: "[") {
                    next += 1
                    skipBlanks()
                }
                if next < bytes.count, !startsKeyOrClosesHeader(bytes[next]) { return line }
                // The header is one line; its key may hold quoted brackets, so the rest of the line is not scanned.
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(depth - 1, 0)
                index += 1
            default:
                index += 1
            }
            lineStart = false
        }
        return nil
    }

    /// Whether `byte` may follow a header's brackets: a bare key character, a quote, or the `]` that toml++ refuses
    /// with an error of its own.
    private static func startsKeyOrClosesHeader(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// Moves `index` past the string that starts there (`"…"`, `'…'`, `"""…"""` or `'''…'''`), counting its newlines.
    /// A single-line string ends at its line's end if it is not closed; toml++ reports that itself.
    private static func skipString(_ bytes: [UInt8], _ index: inout Int, _ line: inout Int) {
        let quote = bytes[index]
        let escapes = quote == UInt8(ascii: "\"")
        let multiline = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
        index += multiline ? 3 : 1
        while index < bytes.count {
            let byte = bytes[index]
            if escapes && byte == UInt8(ascii: "\\") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { line += 1 }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\n") {
                if !multiline { return }
                line += 1
            }
            if byte == quote {
                if !multiline {
                    index += 1
                    return
                }
                if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                    index += 3
                    return
                }
            }
            index += 1
        }
    }
}
